/**
 * Runs in the benchmark's Chromium page (bundled by bench/sync.ts): a Heitu device made of the app's own
 * data and sync layers, on the browser's real IndexedDB, talking to the server through the metered link.
 */
import { createDb } from '$lib/data/db';
import { LocalData } from '$lib/data/local-data';
import { SyncStore } from '$lib/data/sync-store';
import { compressPhoto } from '$lib/photos/compress';
import { AccountApi } from '$lib/sync/account-api';
import { SyncEngine } from '$lib/sync/sync-engine';
import { FetchTransport } from '$lib/sync/transport';
import { benchLogs } from './logs';

const data = new LocalData(createDb('heitu-bench'));
const store = new SyncStore(data.db);
const engine = new SyncEngine(store, new FetchTransport(), data.blobs);
const accounts = new AccountApi();

/** A different photo each time: the sample photo with a stripe of its own colour, compressed as the app does. */
async function photoVariant(sample: Blob, i: number): Promise<ArrayBuffer> {
	const bitmap = await createImageBitmap(sample);
	const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no canvas');
	context.drawImage(bitmap, 0, 0);
	context.fillStyle = `hsl(${i * 67} 70% 50%)`;
	context.fillRect(0, 0, bitmap.width, Math.round(bitmap.height / 40));
	const photo = await compressPhoto(await canvas.convertToBlob({ type: 'image/png' }));
	return photo.bytes;
}

const bench = {
	async signUp(login: string, password: string): Promise<void> {
		await store.setAccount(await accounts.signUp(login, password));
	},
	async logIn(login: string, password: string): Promise<void> {
		await store.setAccount(await accounts.logIn(login, password));
	},
	/** Writes `count` logs the way the app does (record and outbox op in one transaction each). */
	async write(count: number, photos = 0, sampleBase64 = ''): Promise<number> {
		const logs = benchLogs(count);
		const sample = new Blob([Uint8Array.from(atob(sampleBase64), (c) => c.charCodeAt(0))]);
		let photoBytes = 0;
		for (const [i, log] of logs.entries()) {
			if (i < photos) {
				const bytes = await photoVariant(sample, i);
				photoBytes += bytes.byteLength;
				await data.logsRepo.create({ ...log, photos: [await data.blobs.put(bytes, 'image/jpeg')] });
			} else {
				await data.logsRepo.create(log);
			}
		}
		return photoBytes;
	},
	sync: () => engine.run(),
	/** What arrived: every log's notes, in order of time. */
	async notes(): Promise<string[]> {
		return (await data.db.logs.orderBy('at').toArray()).map((log) => log.notes);
	}
};

Object.assign(globalThis, { bench });
