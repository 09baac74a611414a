import { describe, expect, it } from 'vitest';
import { classify } from './sync-engine';
import { FetchTransport, HttpError, requestJson } from './transport';

/** A fetch whose answer has `status` and only the first half of `body`, then the connection drops. */
function cutOff(status: number, body: string): typeof fetch {
	const bytes = new TextEncoder().encode(body);
	return () =>
		Promise.resolve(
			new Response(
				new ReadableStream<Uint8Array>({
					start(controller) {
						controller.enqueue(bytes.slice(0, bytes.length >> 1));
						controller.error(new TypeError('network error'));
					}
				}),
				{ status, headers: { 'content-type': 'application/json' } }
			)
		);
}

function answering(status: number, body: string): typeof fetch {
	return () => Promise.resolve(new Response(body, { status }));
}

// Found by the chaos run (bench/chaos): a push or pull answer cut off mid-body by the network was read as
// `null` and taken for a success, so the run failed on it as a `server-error` ("the server had a problem").
describe('requestJson with an answer cut off on the way', () => {
	it('is no answer at all (status 0), which sync calls offline', async () => {
		const error = await requestJson(cutOff(200, '{"acked":["a","b","c"],"rev":12}'), '/x').catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).status).toBe(0);
		expect(classify(error)).toBe('offline');
	});

	it('also when the status said the request failed', async () => {
		const error = await requestJson(cutOff(409, '{"error":"trace_code_taken"}'), '/x').catch(
			(e: unknown) => e
		);
		expect(classify(error)).toBe('offline');
	});

	it('makes a cut-off push fail as offline, never resolve', async () => {
		const transport = new FetchTransport(cutOff(200, '{"acked":["op-1"],"rev":3,"cursor":3}'));
		await expect(transport.push([], 0)).rejects.toMatchObject({ status: 0 });
		await expect(transport.pull(0, 10)).rejects.toMatchObject({ status: 0 });
	});
});

describe('requestJson with whole answers', () => {
	it('returns the JSON body of a success', async () => {
		expect(await requestJson(answering(200, '{"ok":true}'), '/x')).toEqual({ ok: true });
	});

	it('keeps the status and body of a refusal', async () => {
		const error = await requestJson(answering(409, '{"error":"schema_mismatch"}'), '/x').catch(
			(e: unknown) => e
		);
		expect(error).toMatchObject({ status: 409, body: { error: 'schema_mismatch' } });
	});

	it('gives a refusal without a JSON body its status and no body', async () => {
		const error = await requestJson(answering(502, '<html>Bad Gateway</html>'), '/x').catch(
			(e: unknown) => e
		);
		expect(error).toMatchObject({ status: 502, body: null });
		expect(classify(error)).toBe('server-error');
	});
});
