import { SCHEMA_VERSION } from '$lib/domain/records';
import type { ErrorBody, PullResponse, PushOp, PushResponse } from '$lib/domain/sync-protocol';

/** An answer from the server that is not a success, or no answer at all (status 0). */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: ErrorBody | null
	) {
		super(body?.message ?? (status === 0 ? 'network error' : `HTTP ${status}`));
	}
}

export interface SyncTransport {
	push(ops: PushOp[]): Promise<PushResponse>;
	pull(since: number, limit: number): Promise<PullResponse>;
}

/** JSON over fetch, same origin, with the session cookie. */
export async function requestJson<T>(
	fetcher: typeof fetch,
	url: string,
	init: RequestInit = {}
): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(url, {
			...init,
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', ...init.headers },
			signal: init.signal ?? AbortSignal.timeout(30_000)
		});
	} catch {
		throw new HttpError(0, null);
	}
	const body = (await response.json().catch(() => null)) as unknown;
	if (!response.ok) throw new HttpError(response.status, body as ErrorBody | null);
	return body as T;
}

export class FetchTransport implements SyncTransport {
	readonly #fetch: typeof fetch;
	readonly #base: string;

	constructor(fetcher: typeof fetch = (input, init) => fetch(input, init), base = '') {
		this.#fetch = fetcher;
		this.#base = base;
	}

	push(ops: PushOp[]): Promise<PushResponse> {
		return requestJson(this.#fetch, `${this.#base}/api/sync/push`, {
			method: 'POST',
			body: JSON.stringify({ schemaVersion: SCHEMA_VERSION, ops })
		});
	}

	pull(since: number, limit: number): Promise<PullResponse> {
		const query = new URLSearchParams({
			schemaVersion: String(SCHEMA_VERSION),
			since: String(since),
			limit: String(limit)
		});
		return requestJson(this.#fetch, `${this.#base}/api/sync/pull?${query.toString()}`);
	}
}
