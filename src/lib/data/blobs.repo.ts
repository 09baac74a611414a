import { toHex } from '$lib/domain/blobs';
import type { HeituDb } from './db';

export interface BlobRow {
	/** sha256 of the bytes, lower-case hex: the blob's name everywhere. */
	hash: string;
	/** ArrayBuffer rather than Blob: stored the same way in every browser's IndexedDB. */
	bytes: ArrayBuffer;
	type: string;
	size: number;
	/** 1 once the server holds it (an index can't hold booleans). */
	uploaded: 0 | 1;
	createdAt: number;
}

export type Digest = (bytes: ArrayBuffer) => Promise<ArrayBuffer>;
const sha256: Digest = (bytes) => crypto.subtle.digest('SHA-256', bytes);

/** Photos and other blobs on the device, content-addressed: the same photo is stored once. */
export class BlobRepository {
	readonly #db: HeituDb;
	readonly #digest: Digest;
	readonly #now: () => number;

	constructor(db: HeituDb, digest: Digest = sha256, now: () => number = Date.now) {
		this.#db = db;
		this.#digest = digest;
		this.#now = now;
	}

	/** Stores the bytes (once) and returns their hash, to be put in the record that uses them. */
	async put(bytes: ArrayBuffer, type: string, uploaded = false): Promise<string> {
		const hash = toHex(await this.#digest(bytes));
		await this.#db.transaction('rw', this.#db.blobs, async () => {
			if (await this.#db.blobs.get(hash)) return;
			await this.#db.blobs.add({
				hash,
				bytes,
				type,
				size: bytes.byteLength,
				uploaded: uploaded ? 1 : 0,
				createdAt: this.#now()
			});
		});
		return hash;
	}

	get(hash: string): Promise<BlobRow | undefined> {
		return this.#db.blobs.get(hash);
	}

	waitingForUpload(): Promise<BlobRow[]> {
		return this.#db.blobs.where('uploaded').equals(0).sortBy('createdAt');
	}

	async markUploaded(hash: string): Promise<void> {
		await this.#db.blobs.update(hash, { uploaded: 1 });
	}
}
