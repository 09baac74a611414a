import fc from 'fast-check';
import { expect } from './fixtures';

/**
 * The API fuzz test's client and its generators of malformed input (tests/browser/fuzz-api.spec.ts).
 */

export interface Answer {
	status: number;
	text: string;
}

/**
 * The fuzzing client: Node's fetch with one session cookie. Not Playwright's `request`, which records a test
 * step for every call and looks back through all earlier steps each time, so the long run slowed to a crawl.
 * Failures are thrown as plain errors, for the same reason (every `expect` is a step too); fast-check
 * reports them with the request that caused them.
 */
export class Client {
	#cookie = '';
	constructor(readonly base: string) {}

	async send(
		method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
		path: string,
		options: { data?: unknown; headers?: Record<string, string> } = {}
	): Promise<Answer> {
		const headers: Record<string, string> = { origin: new URL(this.base).origin };
		if (this.#cookie) headers.cookie = this.#cookie;
		let body: string | Uint8Array<ArrayBuffer> | undefined;
		if (typeof options.data === 'string') body = options.data;
		else if (options.data instanceof Uint8Array) body = new Uint8Array(options.data);
		else if (options.data !== undefined) {
			body = JSON.stringify(options.data);
			headers['content-type'] = 'application/json';
		}
		const response = await fetch(this.base + path, {
			method,
			body,
			headers: { ...headers, ...options.headers },
			redirect: 'manual'
		});
		const session = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0]!)
			.filter((c) => !c.endsWith('='));
		if (session.length) this.#cookie = session.join('; ');
		return { status: response.status, text: await response.text() };
	}

	post = (path: string, options?: { data?: unknown; headers?: Record<string, string> }) =>
		this.send('POST', path, options);
	put = (path: string, options?: { data?: unknown; headers?: Record<string, string> }) =>
		this.send('PUT', path, options);
	get = (path: string) => this.send('GET', path);
}

export function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(what);
}

export function expectHandled(answer: Answer, what: string) {
	const { status } = answer;
	check(status < 500, `${what} → ${status}: ${answer.text.slice(0, 200)}`);
	if (status >= 400) {
		let body: { error?: unknown; message?: unknown } = {};
		try {
			body = JSON.parse(answer.text) as typeof body;
		} catch {
			check(
				false,
				`${what} → ${status} with a body that is not JSON: ${answer.text.slice(0, 200)}`
			);
		}
		check(typeof body.error === 'string', `${what} → ${status} names no error`);
		check(
			typeof body.message === 'string' && body.message.length > 3,
			`${what} → ${status} gives no message`
		);
	}
}

/** Text of any kind: plain ASCII, or any Unicode (Chinese, emoji, NUL, lone surrogates). */
export const anyText = (c: { minLength?: number; maxLength: number }) =>
	fc.oneof(fc.string(c), fc.string({ ...c, unit: 'binary' }));
/** Text that can go in a URL path: any Unicode but lone surrogates, which have no UTF-8 form. */
export const pathText = (maxLength: number) =>
	fc.oneof(fc.string({ maxLength }), fc.string({ maxLength, unit: 'grapheme' }));
/** A value of any kind, its strings ASCII or any Unicode. */
export const anyValue = fc.oneof(fc.anything(), fc.anything({ stringUnit: 'binary' }));

/** Anything a client could send as a body: JSON of any shape, or bytes that are not JSON, nor even UTF-8. */
export const anyBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc.jsonValue({ stringUnit: 'binary' }).map((v) => JSON.stringify(v)),
	anyText({ maxLength: 300 }),
	fc.uint8Array({ maxLength: 300 })
);
/** A body as a failure message shows it. */
export const shown = (data: string | Uint8Array) =>
	typeof data === 'string'
		? data.slice(0, 80)
		: `${data.length} bytes ${Buffer.from(data.slice(0, 24)).toString('hex')}`;
export const contentType = fc.constantFrom(
	'application/json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'application/json; charset=utf-16'
);

/** A client with a session: a new account (`signup`) or one made before (`login`). */
export async function signedIn(
	base: string,
	login: string,
	how: 'signup' | 'login'
): Promise<Client> {
	const client = new Client(base);
	const answer = await client.post(`/api/auth/${how}`, {
		data: { login, password: 'heitu-black-soil' }
	});
	expect(answer.status, answer.text).toBe(how === 'signup' ? 201 : 200);
	return client;
}
