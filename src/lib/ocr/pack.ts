/**
 * The label scanner's offline pack, from the page: is it on the phone, download it with progress (cancellable),
 * remove it. Files go into the same Cache Storage the service worker answers /ocr/ from (offline/ocr-cache.ts),
 * so once downloaded the scanner works with no network; old versions of the pack are dropped.
 */
import { OCR_CACHE, OCR_MANIFEST, type OcrPack } from './pack-files';

export interface PackStatus {
	pack: OcrPack;
	/** Total size of the pack, bytes. */
	bytes: number;
	/** Every file of this version is on the phone. */
	ready: boolean;
}

export type PackProblem = 'offline' | 'storage' | 'server';

export class PackError extends Error {
	constructor(readonly problem: PackProblem) {
		super(problem);
	}
}

const urlOf = (pack: OcrPack, name: string) => `${pack.base}${name}`;
const totalOf = (pack: OcrPack) => pack.files.reduce((sum, f) => sum + f.bytes, 0);

async function manifest(): Promise<OcrPack> {
	let response: Response;
	try {
		// through the service worker: the network first, the kept copy offline (never the HTTP cache's copy)
		response = await fetch(OCR_MANIFEST, { cache: 'no-cache' });
	} catch {
		const kept = await (await caches.open(OCR_CACHE)).match(OCR_MANIFEST);
		if (!kept) throw new PackError('offline');
		response = kept;
	}
	if (!response.ok) throw new PackError('server');
	return (await response.json()) as OcrPack;
}

export async function packStatus(): Promise<PackStatus> {
	const pack = await manifest();
	const cache = await caches.open(OCR_CACHE);
	const kept = await Promise.all(pack.files.map((f) => cache.match(urlOf(pack, f.name))));
	return { pack, bytes: totalOf(pack), ready: kept.every(Boolean) };
}

/** Downloads what is missing; `onProgress(done, total)` in bytes. Nothing half-downloaded is kept. */
export async function downloadPack(
	onProgress: (done: number, total: number) => void,
	signal: AbortSignal
): Promise<PackStatus> {
	const pack = await manifest();
	const total = totalOf(pack);
	let cache: Cache;
	try {
		cache = await caches.open(OCR_CACHE);
	} catch {
		throw new PackError('storage');
	}
	let done = 0;
	onProgress(done, total);
	for (const file of pack.files) {
		const url = urlOf(pack, file.name);
		if (await cache.match(url)) {
			done += file.bytes;
			onProgress(done, total);
			continue;
		}
		let response: Response;
		try {
			response = await fetch(url, { signal, cache: 'no-store' });
		} catch (error) {
			if (signal.aborted) throw error;
			throw new PackError('offline');
		}
		if (!response.ok || !response.body) throw new PackError('server');
		const chunks: Uint8Array[] = [];
		const reader = response.body.getReader();
		const start = done;
		for (;;) {
			const { done: end, value } = await reader.read();
			if (end) break;
			chunks.push(value);
			// bytes as they arrive; a compressed answer arrives smaller than the file, so cap at the file's size
			done = Math.min(start + file.bytes, done + value.byteLength);
			onProgress(done, total);
		}
		done = start + file.bytes;
		const headers = new Headers({
			'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream'
		});
		try {
			await cache.put(url, new Response(new Blob(chunks as BlobPart[]), { headers }));
		} catch {
			throw new PackError('storage');
		}
		onProgress(done, total);
	}
	// the manifest too, so the scanner knows offline which pack it has; and no old pack left behind
	await cache.put(
		OCR_MANIFEST,
		new Response(JSON.stringify(pack), { headers: { 'Content-Type': 'application/json' } })
	);
	for (const request of await cache.keys()) {
		const path = new URL(request.url).pathname;
		if (path !== OCR_MANIFEST && !path.startsWith(pack.base)) await cache.delete(request);
	}
	return { pack, bytes: total, ready: true };
}

export async function removePack(): Promise<void> {
	await caches.delete(OCR_CACHE);
}
