import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { BlobRepository } from '../../src/lib/data/blobs.repo';
import { createDb } from '../../src/lib/data/db';
import { LocalData } from '../../src/lib/data/local-data';
import { SyncStore, type SyncedAccount } from '../../src/lib/data/sync-store';
import { SyncEngine } from '../../src/lib/sync/sync-engine';
import { FetchTransport, HttpError, type SyncTransport } from '../../src/lib/sync/transport';
import { expect, test } from './fixtures';
import { SAMPLE_TIME } from '../factories/records';

// The device's sync engine (with its IndexedDB layer on fake-indexeddb) against a real server process.

async function signedInFetch(baseURL: string, login: string): Promise<typeof fetch> {
	const signup = await fetch(`${baseURL}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login, password: 'long-enough-password' })
	});
	const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	return (input, init) =>
		fetch(
			`${baseURL}${typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url}`,
			{
				...init,
				headers: { ...init?.headers, cookie }
			}
		);
}

/** The real transport, with the calls a test wants to break replaced. */
function via(real: SyncTransport, replace: Partial<SyncTransport>): SyncTransport {
	return {
		push: (ops, since) => real.push(ops, since),
		pull: (since, limit) => real.pull(since, limit),
		blobStatus: (hash) => real.blobStatus(hash),
		putBlobChunk: (hash, start, chunk, total) => real.putBlobChunk(hash, start, chunk, total),
		...replace
	};
}

let n = 0;
function device() {
	const data = new LocalData(createDb(`engine-${n++}`, { indexedDB, IDBKeyRange }));
	return { data, store: new SyncStore(data.db) };
}

/** Observation logs #from … #(to - 1), made on the device as the app makes them. */
async function addLogs(data: LocalData, from: number, to: number): Promise<void> {
	for (let i = from; i < to; i++) {
		await data.logsRepo.create({
			type: 'observation',
			fieldId: null,
			status: 'done',
			at: SAMPLE_TIME + i,
			notes: `#${i}`
		});
	}
}

test('a push whose answer is lost is sent again and applied once', async ({ server }) => {
	const fetcher = await signedInFetch(server.url, 'dropped_answer');
	const real = new FetchTransport(fetcher);
	let dropNextAnswer = true;
	const flaky = via(real, {
		push: async (ops, since) => {
			const answer = await real.push(ops, since);
			if (dropNextAnswer) {
				dropNextAnswer = false;
				throw new HttpError(0, null); // the server applied it; the phone never heard
			}
			return answer;
		}
	});
	const phone = device();
	await addLogs(phone.data, 0, 30);
	const engine = new SyncEngine(phone.store, flaky);
	const first = await engine.run();
	expect(first).toMatchObject({ ok: false, problem: 'offline' });
	expect(await phone.store.pendingCount()).toBe(30);

	const second = await engine.run();
	expect(second).toMatchObject({ ok: true, pushed: 30, pulled: 30 });
	expect(await phone.store.pendingCount()).toBe(0);

	const other = device();
	await new SyncEngine(other.store, real).run();
	const logs = await other.data.logsRepo.list();
	expect(logs).toHaveLength(30);
	expect(new Set(logs.map((l) => l.notes)).size).toBe(30);
});

test('a phone does not download what it just pushed, unless the account changed meanwhile', async ({
	server
}) => {
	const fetcher = await signedInFetch(server.url, 'echo_farmer');
	const transport = new FetchTransport(fetcher);
	const { user } = (await (await fetcher('/api/auth/me')).json()) as { user: SyncedAccount };
	const phone = device();
	const tablet = device();
	await phone.store.setAccount(user);
	await tablet.store.setAccount(user);
	await addLogs(phone.data, 0, 20);
	const phoneSync = new SyncEngine(phone.store, transport);
	expect(await phoneSync.run()).toMatchObject({ ok: true, pushed: 20, pulled: 0 });
	const pushed = await phone.data.logsRepo.list();
	expect(pushed.map((log) => log.ownerId)).toEqual(Array(20).fill(user.id));

	const tabletSync = new SyncEngine(tablet.store, transport);
	expect(await tabletSync.run()).toMatchObject({ ok: true, pulled: 20 });
	const first = pushed.find((log) => log.notes === '#0')!;
	await tablet.data.logsRepo.update(first.id, { notes: '平板改的' });
	expect(await tabletSync.run()).toMatchObject({ ok: true, pushed: 1, pulled: 0 });

	// the tablet's change came after the phone's cursor: the phone's next push must not skip it
	await addLogs(phone.data, 20, 21);
	expect(await phoneSync.run()).toMatchObject({ ok: true, pushed: 1, pulled: 2 });
	expect((await phone.data.logsRepo.list()).find((log) => log.id === first.id)?.notes).toBe(
		'平板改的'
	);
	expect(await tabletSync.run()).toMatchObject({ ok: true, pulled: 1 });
	expect(await tablet.data.logsRepo.list()).toHaveLength(21);
});

test('a server restart in the middle of pulling loses nothing and repeats nothing', async ({
	server
}) => {
	const fetcher = await signedInFetch(server.url, 'restart_pull');
	const transport = new FetchTransport(fetcher);
	const writer = device();
	for (let i = 0; i < 1200; i++) {
		await writer.data.fieldsRepo.create({ name: `地块 ${i}`, areaM2: i + 1 });
	}
	expect(await new SyncEngine(writer.store, transport).run()).toMatchObject({
		ok: true,
		pushed: 1200
	});

	const reader = device();
	let pages = 0;
	const interrupted = via(transport, {
		pull: async (since, limit) => {
			if (++pages === 2) {
				await server.stop();
				await server.restart();
				throw new HttpError(0, null);
			}
			return transport.pull(since, limit);
		}
	});
	const engine = new SyncEngine(reader.store, interrupted);
	expect(await engine.run()).toMatchObject({ ok: false, pulled: 500 });
	expect(await engine.run()).toMatchObject({ ok: true, pulled: 700 });
	const fields = await reader.data.fieldsRepo.list();
	expect(fields).toHaveLength(1200);
	expect(new Set(fields.map((f) => f.name)).size).toBe(1200);
});

test('a photo goes up after its record, resumes after a dropped connection, and arrives intact', async ({
	server
}) => {
	const fetcher = await signedInFetch(server.url, 'photo_farmer');
	const real = new FetchTransport(fetcher);
	const sent: number[] = [];
	let dropAfterFirstChunk = true;
	const flaky = via(real, {
		putBlobChunk: async (hash, start, chunk, total) => {
			sent.push(chunk.length);
			const status = await real.putBlobChunk(hash, start, chunk, total);
			if (dropAfterFirstChunk) {
				dropAfterFirstChunk = false;
				throw new HttpError(0, null); // the signal went as the answer came back
			}
			return status;
		}
	});
	const phone = device();
	const blobs = new BlobRepository(phone.data.db);
	const photo = new Uint8Array(150_000).map((_, i) => (i * 31 + 7) % 256);
	const hash = await blobs.put(photo.buffer, 'image/jpeg');
	expect(await blobs.put(photo.slice().buffer, 'image/jpeg')).toBe(hash); // stored once
	await phone.data.logsRepo.create({
		type: 'observation',
		fieldId: null,
		status: 'done',
		at: SAMPLE_TIME,
		notes: `photo ${hash}`
	});

	const engine = new SyncEngine(phone.store, flaky, blobs);
	expect(await engine.run()).toMatchObject({ ok: false, problem: 'offline', pushed: 1 });
	expect((await blobs.waitingForUpload()).map((b) => b.hash)).toEqual([hash]);
	expect(await engine.run()).toMatchObject({ ok: true });
	expect(await blobs.waitingForUpload()).toEqual([]);
	// the first chunk was not sent again
	expect(sent).toEqual([65_536, 65_536, 150_000 - 2 * 65_536]);

	const download = await fetcher(`/api/blobs/${hash}`);
	expect(download.status).toBe(200);
	expect(new Uint8Array(await download.arrayBuffer())).toEqual(photo);
	const anonymous = await fetch(`${server.url}/api/blobs/${hash}`);
	expect(anonymous.status).toBe(401);
});

test('a photo the server will not take (the account quota full) waits on the phone; the other photos and the pull go on', async ({
	server
}) => {
	const fetcher = await signedInFetch(server.url, 'quota_farmer');
	const real = new FetchTransport(fetcher);
	const phone = device();
	const blobs = new BlobRepository(phone.data.db);
	const refused = await blobs.put(new Uint8Array(5000).fill(1).buffer, 'image/jpeg');
	const taken = await blobs.put(new Uint8Array(5000).fill(2).buffer, 'image/jpeg');
	const quotaFull = via(real, {
		putBlobChunk: (hash, start, chunk, total) =>
			hash === refused
				? Promise.reject(
						new HttpError(413, {
							error: 'quota_exceeded',
							field: 'body',
							message: "This account's photos would pass 2048 MB on the server."
						})
					)
				: real.putBlobChunk(hash, start, chunk, total)
	});
	// another device of the account has a record to bring down
	const { user } = (await (await fetcher('/api/auth/me')).json()) as { user: SyncedAccount };
	const other = device();
	await other.store.setAccount(user);
	await phone.store.setAccount(user);
	await addLogs(other.data, 0, 1);
	await addLogs(phone.data, 1, 2);
	expect(await new SyncEngine(other.store, real).run()).toMatchObject({ ok: true, pushed: 1 });

	const engine = new SyncEngine(phone.store, quotaFull, blobs);
	expect(await engine.run()).toMatchObject({ ok: true, pushed: 1, photosHeld: 1 });
	expect((await phone.data.logsRepo.list()).map((log) => log.notes).sort()).toEqual(['#0', '#1']);
	expect((await blobs.waitingForUpload()).map((b) => b.hash)).toEqual([refused]);
	expect((await fetcher(`/api/blobs/${taken}/status`).then((r) => r.json())) as object).toEqual({
		complete: true,
		received: 5000,
		size: 5000
	});
	// once the server takes it again, it goes up
	expect(await new SyncEngine(phone.store, real, blobs).run()).toMatchObject({
		ok: true,
		photosHeld: 0
	});
	expect(await blobs.waitingForUpload()).toEqual([]);
});
