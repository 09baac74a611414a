import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isSha256 } from '$lib/domain/blobs';

/**
 * Where blobs live on the server, behind a small interface so an S3-compatible store can replace it.
 * Uploads are resumable: bytes go to a `.part` file that grows chunk by chunk; the blob is only published
 * (renamed into place) once its sha256 matches its name.
 */
export interface BlobStore {
	/** How many bytes of an unfinished upload the store holds, and whether the blob is complete. */
	status(hash: string): Promise<{ complete: boolean; received: number; size?: number }>;
	/** Appends a chunk at `start`; returns the bytes now held. Finishes (verifies) when `total` is reached. */
	append(hash: string, start: number, bytes: Uint8Array, total: number): Promise<AppendResult>;
	read(hash: string): Promise<Uint8Array | null>;
}

export type AppendResult =
	| { kind: 'partial'; received: number }
	| { kind: 'complete'; size: number }
	| { kind: 'wrong-offset'; received: number }
	| { kind: 'hash-mismatch' };

export class FsBlobStore implements BlobStore {
	readonly #root: string;

	constructor(root: string) {
		this.#root = resolve(root);
	}

	#path(hash: string): string {
		if (!isSha256(hash)) throw new Error('not a sha256');
		return join(this.#root, hash.slice(0, 2), hash);
	}

	async #size(path: string): Promise<number | null> {
		try {
			return (await stat(path)).size;
		} catch {
			return null;
		}
	}

	async status(hash: string) {
		const size = await this.#size(this.#path(hash));
		if (size !== null) return { complete: true, received: size, size };
		return { complete: false, received: (await this.#size(this.#path(hash) + '.part')) ?? 0 };
	}

	async append(
		hash: string,
		start: number,
		bytes: Uint8Array,
		total: number
	): Promise<AppendResult> {
		const final = this.#path(hash);
		const existing = await this.#size(final);
		if (existing !== null) return { kind: 'complete', size: existing };
		const part = final + '.part';
		await mkdir(dirname(part), { recursive: true });
		const received = (await this.#size(part)) ?? 0;
		if (start !== received) return { kind: 'wrong-offset', received };
		const file = await open(part, 'a');
		try {
			await file.write(bytes);
		} finally {
			await file.close();
		}
		const now = received + bytes.length;
		if (now < total) return { kind: 'partial', received: now };
		const digest = createHash('sha256')
			.update(await readFile(part))
			.digest('hex');
		if (digest !== hash || now !== total) {
			await rm(part, { force: true });
			return { kind: 'hash-mismatch' };
		}
		await rename(part, final);
		return { kind: 'complete', size: now };
	}

	async read(hash: string): Promise<Uint8Array | null> {
		try {
			return await readFile(this.#path(hash));
		} catch {
			return null;
		}
	}
}
