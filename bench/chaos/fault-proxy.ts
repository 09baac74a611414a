/**
 * A loopback HTTP proxy between the devices and a Heitu server that breaks the network on purpose, with
 * faults chosen by a seeded generator (bench/sync/link.ts is its byte-counting cousin):
 * - drop: the request never reaches the server; the device's connection is reset;
 * - reset-after: the server gets the request and answers, then the device's connection is reset, so the
 *   device never sees the answer (the case exactly-once delivery is about);
 * - delay: the request waits 0–2 s before it goes on;
 * - duplicate: the request goes to the server twice (together or one after the other) and the device gets
 *   one of the two answers;
 * - cut: the server answers, the device gets the status and half the body, then the connection is reset.
 * Every request opens its own connection to the server, so a server that was killed and started again is
 * reached as soon as it listens; while it is down, the device's connection is reset (counted as `down`).
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { seeded } from './random';

export type FaultKind = 'drop' | 'resetAfter' | 'delay' | 'duplicate' | 'cut';
export const FAULT_KINDS: readonly FaultKind[] = [
	'drop',
	'resetAfter',
	'delay',
	'duplicate',
	'cut'
];

/** The chance of each fault per API request (the rest go through untouched). */
export type FaultRates = Record<FaultKind, number>;
export const DEFAULT_RATES: FaultRates = {
	drop: 0.08,
	resetAfter: 0.08,
	delay: 0.12,
	duplicate: 0.08,
	cut: 0.04
};
export const MAX_DELAY_MS = 2_000;

export interface FaultCounts extends Record<FaultKind, number> {
	/** API requests that came in while faults were on. */
	requests: number;
	/** Requests that found no server (killed, not yet restarted): the device's connection was reset. */
	down: number;
	/** Photo chunks (PUT /api/blobs/…) sent, and of them sent twice at once (together). */
	chunks: number;
	chunksTwiceAtOnce: number;
}

export interface FaultProxy {
	url: string;
	/** Faults on or off (off: every request goes through once, unharmed, but still waits for a server). */
	setFaults(on: boolean): void;
	counts(): FaultCounts;
	close(): Promise<void>;
}

interface Answer {
	status: number;
	headers: Record<string, string | string[]>;
	body: Buffer;
}

const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'transfer-encoding',
	'proxy-connection',
	'upgrade',
	'content-length'
]);

function readBody(stream: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (c: Buffer) => chunks.push(c));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

function copyHeaders(raw: IncomingMessage['headers']): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(raw))
		if (value !== undefined && !HOP_BY_HOP.has(key)) headers[key] = value;
	return headers;
}

/** Sends one copy of the request to the server on a new connection and reads the whole answer. */
function forward(port: number, req: IncomingMessage, body: Buffer): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const headers = copyHeaders(req.headers);
		headers['content-length'] = String(body.length);
		const upstream = httpRequest(
			{ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false },
			(response) => {
				readBody(response).then(
					(answer) =>
						resolve({
							status: response.statusCode ?? 502,
							headers: copyHeaders(response.headers),
							body: answer
						}),
					reject
				);
			}
		);
		upstream.on('error', reject);
		upstream.end(body);
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection reset (TCP RST), as a dropped mobile link looks to the browser. */
function reset(socket: Socket): void {
	if (!socket.destroyed) socket.resetAndDestroy();
}

export async function faultProxy(
	targetPort: number,
	seed: number,
	rates: FaultRates = DEFAULT_RATES
): Promise<FaultProxy> {
	const random = seeded(seed);
	let faults = false;
	const counts: FaultCounts = {
		requests: 0,
		down: 0,
		drop: 0,
		resetAfter: 0,
		delay: 0,
		duplicate: 0,
		cut: 0,
		chunks: 0,
		chunksTwiceAtOnce: 0
	};
	const sockets = new Set<Socket>();

	const choose = (): FaultKind | null => {
		let roll = random();
		for (const kind of FAULT_KINDS) {
			if (roll < rates[kind]) return kind;
			roll -= rates[kind];
		}
		return null;
	};

	const server = createServer((req, res) => {
		void (async () => {
			const body = await readBody(req);
			const api = req.url?.startsWith('/api/') === true;
			const fault = faults && api ? choose() : null;
			if (faults && api) counts.requests += 1;
			if (fault) counts[fault] += 1;
			const chunk = faults && req.method === 'PUT' && req.url?.startsWith('/api/blobs/') === true;
			if (chunk) counts.chunks += 1;
			if (fault === 'drop') return reset(req.socket);
			if (fault === 'delay') await sleep(random() * MAX_DELAY_MS);
			let answer: Answer;
			try {
				if (fault === 'duplicate') {
					const together = random() < 0.5;
					if (chunk && together) counts.chunksTwiceAtOnce += 1;
					const first = forward(targetPort, req, body);
					if (!together) await first.catch(() => undefined);
					const second = forward(targetPort, req, body);
					const answers = await Promise.allSettled([first, second]);
					const chosen = answers[random() < 0.5 ? 0 : 1];
					const other = answers.find((a) => a.status === 'fulfilled');
					if (chosen?.status === 'fulfilled') answer = chosen.value;
					else if (other?.status === 'fulfilled') answer = other.value;
					else throw new Error('no server');
				} else {
					answer = await forward(targetPort, req, body);
				}
			} catch {
				if (faults && api) counts.down += 1;
				return reset(req.socket);
			}
			if (fault === 'resetAfter') return reset(req.socket);
			res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
			if (fault !== 'cut') return res.end(answer.body);
			res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () =>
				setTimeout(() => reset(req.socket), 20)
			);
		})().catch(() => reset(req.socket));
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	});
	server.on('clientError', (_error, socket) => socket.destroy());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (typeof address !== 'object' || !address) throw new Error('no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		setFaults: (on) => (faults = on),
		counts: () => ({ ...counts }),
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
