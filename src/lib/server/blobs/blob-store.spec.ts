import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from './blob-store';

const dir = mkdtempSync(join(tmpdir(), 'heitu-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('FsBlobStore', () => {
	const store = new FsBlobStore(dir);
	const photo = new Uint8Array(150_000).map((_, i) => (i * 7) % 251);
	const hash = sha(photo);

	it('takes an upload in chunks, resumes after a drop, and publishes it once the hash matches', async () => {
		expect(await store.status(hash)).toEqual({ complete: false, received: 0 });
		expect(await store.append(hash, 0, photo.subarray(0, 65_536), photo.length)).toEqual({
			kind: 'partial',
			received: 65_536
		});
		// the phone lost the answer and sends the same chunk again: told where to carry on
		expect(await store.append(hash, 0, photo.subarray(0, 65_536), photo.length)).toEqual({
			kind: 'wrong-offset',
			received: 65_536
		});
		expect(await store.status(hash)).toEqual({ complete: false, received: 65_536 });
		expect(await store.append(hash, 65_536, photo.subarray(65_536), photo.length)).toEqual({
			kind: 'complete',
			size: photo.length
		});
		expect(await store.status(hash)).toEqual({
			complete: true,
			received: photo.length,
			size: photo.length
		});
		expect(await store.read(hash)).toEqual(Buffer.from(photo));
	});

	it('refuses bytes that do not match their name, keeping nothing', async () => {
		const claimed = sha(new Uint8Array([1, 2, 3]));
		expect(await store.append(claimed, 0, new Uint8Array([9, 9, 9]), 3)).toEqual({
			kind: 'hash-mismatch'
		});
		expect(await store.status(claimed)).toEqual({ complete: false, received: 0 });
		expect(await store.read(claimed)).toBeNull();
	});

	it('never touches a path that is not a sha256', async () => {
		await expect(store.status('../../etc/passwd')).rejects.toThrow(/sha256/);
	});
});
