/**
 * A loopback TCP proxy between the browser and a server: counts every byte each way (HTTP headers and
 * bodies, as the phone's radio would carry them) and, for the weak-link run, adds latency and caps the
 * bandwidth of each direction (shared by all connections, as one phone's link is).
 */
import { createServer, connect, type Socket } from 'node:net';

export interface LinkShape {
	/** Added to every byte, each way. */
	latencyMs: number;
	/** Bytes per second each way; null for no cap. */
	bytesPerSecond: number | null;
}

/** One direction of the link: bytes leave in order, no faster than the cap, `latencyMs` late. */
class Direction {
	bytes = 0;
	#busyUntil = 0;

	constructor(readonly shape: LinkShape) {}

	send(chunk: Buffer, to: Socket): void {
		this.bytes += chunk.length;
		const { latencyMs, bytesPerSecond } = this.shape;
		if (!latencyMs && !bytesPerSecond) {
			to.write(chunk);
			return;
		}
		// pace in small slices so a large write does not arrive all at once
		for (let offset = 0; offset < chunk.length; offset += 4096) {
			const slice = chunk.subarray(offset, offset + 4096);
			const now = performance.now();
			const start = Math.max(now, this.#busyUntil);
			this.#busyUntil = start + (bytesPerSecond ? (slice.length / bytesPerSecond) * 1000 : 0);
			setTimeout(() => to.destroyed || to.write(slice), this.#busyUntil + latencyMs - now);
		}
	}

	/** Runs `fn` once everything sent so far has arrived (a close must not overtake the data). */
	afterDelivery(fn: () => void): void {
		const wait = Math.max(0, this.#busyUntil - performance.now()) + this.shape.latencyMs;
		if (wait > 0) setTimeout(fn, wait + 1);
		else fn();
	}
}

export interface MeteredLink {
	url: string;
	/** Bytes sent by the browser (up) and by the server (down) since the last reset. */
	counts(): { up: number; down: number };
	reset(): void;
	close(): Promise<void>;
}

export async function meteredLink(
	targetPort: number,
	shape: LinkShape = { latencyMs: 0, bytesPerSecond: null }
): Promise<MeteredLink> {
	const up = new Direction(shape);
	const down = new Direction(shape);
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		const target = connect(targetPort, '127.0.0.1');
		for (const s of [client, target]) {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
			s.on('error', () => undefined);
		}
		client.on('data', (chunk: Buffer) => up.send(chunk, target));
		target.on('data', (chunk: Buffer) => down.send(chunk, client));
		client.on('close', () => up.afterDelivery(() => target.destroy()));
		target.on('close', () => down.afterDelivery(() => client.destroy()));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (typeof address !== 'object' || !address) throw new Error('no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		counts: () => ({ up: up.bytes, down: down.bytes }),
		reset: () => {
			up.bytes = 0;
			down.bytes = 0;
		},
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
