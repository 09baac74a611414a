import { SCHEMA_VERSION } from '$lib/domain/records';
import { isTraceCode } from '$lib/domain/trace-code';
import type {
	ErrorBody,
	PullResponse,
	PushOp,
	PushRequest,
	PushResponse
} from '$lib/domain/sync-protocol';

/** Bodies smaller than this go as they are: gzip would save little. */
const GZIP_FROM_BYTES = 1024;

/**
 * A JSON body gzipped on the device where the browser can (CompressionStream): a day's changes shrink
 * several times, which counts on a 2G link. Older browsers send plain JSON; the server takes both.
 */
export async function gzipJson(
	text: string
): Promise<{ body: BodyInit; headers?: Record<string, string> }> {
	if (typeof CompressionStream === 'undefined' || text.length < GZIP_FROM_BYTES)
		return { body: text };
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return {
		body: await new Response(stream).arrayBuffer(),
		headers: { 'content-encoding': 'gzip' }
	};
}

/** An answer from the server that is not a success, or no answer at all (status 0). */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: ErrorBody | null
	) {
		super(body?.message ?? (status === 0 ? 'network error' : `HTTP ${status}`));
	}
}

export interface BlobStatus {
	complete: boolean;
	received: number;
}

export interface SyncTransport {
	/** `since`: the device's pull cursor (see PushResponse.cursor). */
	push(ops: PushOp[], since?: number): Promise<PushResponse>;
	pull(since: number, limit: number): Promise<PullResponse>;
	blobStatus(hash: string): Promise<BlobStatus>;
	/** Sends bytes [start, start + chunk.length) of a blob of `total` bytes; answers where the server is. */
	putBlobChunk(
		hash: string,
		start: number,
		chunk: Uint8Array<ArrayBuffer>,
		total: number
	): Promise<BlobStatus>;
	/** Trace codes the server keeps for the account (POST /api/trace-codes/reserve). */
	reserveTraceCodes?(count: number): Promise<string[]>;
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
	// an answer cut off on the way (the link dropped mid-body) is no answer: offline, not a broken server
	const text = await response.text().catch(() => null);
	if (text === null) throw new HttpError(0, null);
	let body: unknown = null;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON (an empty answer, a proxy's page): no body
	}
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

	async push(ops: PushOp[], since?: number): Promise<PushResponse> {
		const body: PushRequest = { schemaVersion: SCHEMA_VERSION, ops, since };
		return requestJson(this.#fetch, `${this.#base}/api/sync/push`, {
			method: 'POST',
			...(await gzipJson(JSON.stringify(body)))
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

	async reserveTraceCodes(count: number): Promise<string[]> {
		const answer = await requestJson<{ codes?: unknown }>(
			this.#fetch,
			`${this.#base}/api/trace-codes/reserve`,
			{ method: 'POST', body: JSON.stringify({ count }) }
		);
		return Array.isArray(answer.codes)
			? answer.codes.filter((c): c is string => typeof c === 'string' && isTraceCode(c))
			: [];
	}

	/** The bytes of a blob the server holds (a photo made on another device). */
	async getBlob(hash: string): Promise<ArrayBuffer> {
		let response: Response;
		try {
			response = await this.#fetch(`${this.#base}/api/blobs/${hash}`, {
				credentials: 'same-origin'
			});
		} catch {
			throw new HttpError(0, null);
		}
		if (!response.ok) throw new HttpError(response.status, null);
		return response.arrayBuffer();
	}

	blobStatus(hash: string): Promise<BlobStatus> {
		return requestJson(this.#fetch, `${this.#base}/api/blobs/${hash}/status`);
	}

	async putBlobChunk(
		hash: string,
		start: number,
		chunk: Uint8Array<ArrayBuffer>,
		total: number
	): Promise<BlobStatus> {
		try {
			const answer = await requestJson<{ complete: boolean; received?: number; size?: number }>(
				this.#fetch,
				`${this.#base}/api/blobs/${hash}`,
				{
					method: 'PUT',
					body: chunk,
					headers: {
						'content-type': 'application/octet-stream',
						'content-range': `bytes ${start}-${start + chunk.length - 1}/${total}`
					}
				}
			);
			return { complete: answer.complete, received: answer.received ?? answer.size ?? total };
		} catch (error) {
			// 409: the server is elsewhere in this upload (an answer was lost): carry on from there
			const received = (error as HttpError).body as { received?: unknown } | null;
			if (
				error instanceof HttpError &&
				error.status === 409 &&
				typeof received?.received === 'number'
			) {
				return { complete: false, received: received.received };
			}
			throw error;
		}
	}
}
