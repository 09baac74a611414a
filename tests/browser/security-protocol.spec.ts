import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { APIRequestContext } from '@playwright/test';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import pg from 'pg';
import { createDb } from '../../src/lib/data/db';
import { LocalData } from '../../src/lib/data/local-data';
import { SyncStore } from '../../src/lib/data/sync-store';
import { PUSH_MAX_BYTES } from '../../src/lib/domain/sync-protocol';
import { SyncEngine } from '../../src/lib/sync/sync-engine';
import { FetchTransport } from '../../src/lib/sync/transport';
import { createPatch } from '../factories/records';
import { expect, test } from './fixtures';
import type { RunningServer } from './server';

// The sync protocol's limits and ids as a client meets them (issue 19, items 11, 12, 16, 17, 18), on a real
// `node build`.

const PASSWORD = 'long-enough-password';
let opNumber = 0;
const stamp = () => `001777593600000-${String(++opNumber).padStart(5, '0')}-stranger0001`;
const op = (table: string, recordId: string, patch: Record<string, unknown>) => ({
	opId: `00000000-0000-7000-8000-${String(opNumber + 1).padStart(12, '0')}`,
	table,
	recordId,
	patch,
	hlc: stamp()
});

async function account(
	playwright: { request: { newContext(o: object): Promise<APIRequestContext> } },
	url: string,
	login: string
) {
	const api = await playwright.request.newContext({ baseURL: url });
	const signup = await api.post('/api/auth/signup', { data: { login, password: PASSWORD } });
	expect(signup.status()).toBe(201);
	const { user } = (await signup.json()) as { user: { id: string } };
	return { api, id: user.id };
}

/**
 * A backup of a stopped server's database, and putting it back: the SQLite file (with its WAL), or a PostgreSQL
 * copy made with the database as template.
 */
async function backUp(server: RunningServer): Promise<() => Promise<void>> {
	const url = server.databaseEnv.DATABASE_URL;
	if (!url) {
		const file = server.databaseEnv.SQLITE_PATH!;
		const parts = ['', '-wal', '-shm'].filter((end) => existsSync(file + end));
		for (const end of parts) cpSync(file + end, `${file}.backup${end}`);
		return () => {
			for (const end of ['', '-wal', '-shm']) rmSync(file + end, { force: true });
			for (const end of parts) cpSync(`${file}.backup${end}`, file + end);
			return Promise.resolve();
		};
	}
	const name = new URL(url).pathname.slice(1);
	const admin = new pg.Client({ connectionString: url.replace(`/${name}`, '/postgres') });
	await admin.connect();
	await admin.query(`create database ${name}_backup template ${name}`);
	return async () => {
		await admin.query(`drop database ${name} with (force)`);
		await admin.query(`create database ${name} template ${name}_backup`);
		await admin.query(`drop database ${name}_backup`);
		await admin.end();
	};
}

const pull = async (api: APIRequestContext, query = 'since=0') =>
	(await api.get(`/api/sync/pull?schemaVersion=1&${query}`)).json() as Promise<{
		changes: { table: string; id: string; ownerId: string; record: Record<string, unknown> }[];
		cursor: number;
	}>;

test('a body nested thousands of levels deep is refused 400 in plain words, not a server error', async ({
	playwright,
	server
}) => {
	const { api } = await account(playwright, server.url, 'deep_nest');
	const deep = '['.repeat(5000) + ']'.repeat(5000);
	const body = `{"schemaVersion":1,"ops":[{"opId":"00000000-deep","table":"fields","recordId":"f","patch":{"name":${deep}},"hlc":"${stamp()}"}]}`;
	expect(body.length).toBeLessThan(11_000);
	const answer = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json' },
		data: body
	});
	expect(answer.status()).toBe(400);
	expect(await answer.json()).toEqual({
		error: 'invalid',
		field: 'body',
		message: 'The body is nested more than 32 levels deep.'
	});
	expect((await pull(api)).changes).toEqual([]);
});

test('every push over the documented size gets 413 too_large, plain or gzip; one just under it is taken', async ({
	playwright,
	server
}) => {
	const { api } = await account(playwright, server.url, 'big_pusher');
	// a push of `bytes` bytes exactly: one new field, padded out with spaces (JSON allows them)
	const pushOf = (bytes: number, id: string) => {
		const bare = JSON.stringify({
			schemaVersion: 1,
			ops: [op('fields', id, createPatch('fields', { name: '大地', crop: '玉米' }))]
		});
		return bare + ' '.repeat(bytes - Buffer.byteLength(bare));
	};
	const tooLarge = {
		error: 'too_large',
		field: 'body',
		message: `The request is larger than ${PUSH_MAX_BYTES} bytes: send fewer changes at a time.`
	};
	const plain = (data: string | Buffer, gzip = false) =>
		api.post('/api/sync/push', {
			headers: {
				'content-type': 'application/json',
				...(gzip ? { 'content-encoding': 'gzip' } : {})
			},
			data
		});
	// the doc's number, and the server's
	const doc = readFileSync('docs/sync-protocol.md', 'utf8');
	expect(doc).toContain(`at most 512 KiB (${PUSH_MAX_BYTES.toLocaleString('en')} bytes)`);

	for (const size of [1_000_000, PUSH_MAX_BYTES + 1, 3 * 1024 * 1024]) {
		const answer = await plain(pushOf(size, `big-${size}`));
		expect(answer.status(), `${size} bytes plain`).toBe(413);
		expect(await answer.json()).toEqual(tooLarge);
	}
	// gzip: small on the wire, too large unpacked
	const packed = gzipSync(pushOf(1_000_000, 'big-gzip'));
	expect(packed.length).toBeLessThan(PUSH_MAX_BYTES);
	const gz = await plain(packed, true);
	expect(gz.status()).toBe(413);
	expect(await gz.json()).toEqual(tooLarge);
	// the largest push the doc allows is stored, plain or gzip
	const largest = pushOf(PUSH_MAX_BYTES, 'just-fits');
	expect(Buffer.byteLength(largest)).toBe(PUSH_MAX_BYTES);
	expect((await plain(largest)).status()).toBe(200);
	expect((await plain(gzipSync(pushOf(PUSH_MAX_BYTES, 'fits-gzip')), true)).status()).toBe(200);
	expect((await pull(api)).changes.map((c) => c.id)).toEqual(['just-fits', 'fits-gzip']);
});

test('record ids are each account’s own: another account using an id first blocks nothing', async ({
	playwright,
	server
}) => {
	const a = await account(playwright, server.url, 'ids_first');
	const b = await account(playwright, server.url, 'ids_second');
	const fieldId = '0193f0c2-7a1b-7000-8000-00000000f001';
	const push = (api: APIRequestContext, ops: object[]) =>
		api.post('/api/sync/push', { data: { schemaVersion: 1, ops } });
	expect(
		(await push(a.api, [op('fields', fieldId, createPatch('fields', { name: 'A 的地' }))])).status()
	).toBe(200);
	// B takes A's field id for a log, and for a field of its own
	const taken = await push(b.api, [
		op('logs', fieldId, createPatch('logs', { type: 'observation', notes: 'B' })),
		op('fields', fieldId, createPatch('fields', { name: 'B 的地' }))
	]);
	expect(taken.status()).toBe(200);
	// A can still make a log with that id
	const mine = await push(a.api, [
		op('logs', fieldId, createPatch('logs', { type: 'observation', notes: 'A' }))
	]);
	expect(mine.status()).toBe(200);
	const byTable = (changes: { table: string; record: Record<string, unknown> }[]) =>
		Object.fromEntries(changes.map((c) => [c.table, c.record.name ?? c.record.notes]));
	expect(byTable((await pull(a.api)).changes)).toEqual({ fields: 'A 的地', logs: 'A' });
	expect(byTable((await pull(b.api)).changes)).toEqual({ fields: 'B 的地', logs: 'B' });

	// a profile is always "me"; a lesson's progress is named by a lesson id
	const wrongProfile = await push(a.api, [
		op('profile', 'not-me', { deleted: true, updatedAt: 1 })
	]);
	expect(wrongProfile.status()).toBe(400);
	expect(await wrongProfile.json()).toEqual({
		error: 'invalid',
		field: 'ops.0.recordId',
		message: 'the profile is always "me"'
	});
	const wrongLesson = await push(a.api, [
		op(
			'lessonProgress',
			'Soil Testing!',
			createPatch('lessonProgress', {}, { id: 'Soil Testing!' })
		)
	]);
	expect(wrongLesson.status()).toBe(400);
	expect(await wrongLesson.json()).toMatchObject({ error: 'invalid', field: 'ops.0.recordId' });
});

test('pull refuses a limit out of range and answers a cursor ahead of the server with cursor_ahead', async ({
	playwright,
	server
}) => {
	const { api } = await account(playwright, server.url, 'pull_ranges');
	for (const limit of ['0', '1001', '-5', 'x']) {
		const answer = await api.get(`/api/sync/pull?schemaVersion=1&since=0&limit=${limit}`);
		expect(answer.status(), `limit=${limit}`).toBe(400);
		expect(await answer.json()).toMatchObject({ error: 'invalid', field: 'limit' });
	}
	expect((await api.get('/api/sync/pull?schemaVersion=1&limit=1000')).status()).toBe(200);
	const { rev } = (await (
		await api.post('/api/sync/push', {
			data: { schemaVersion: 1, ops: [op('fields', 'p1', createPatch('fields', { name: '地' }))] }
		})
	).json()) as { rev: number };
	expect((await api.get(`/api/sync/pull?schemaVersion=1&since=${rev}`)).status()).toBe(200);
	const ahead = await api.get(`/api/sync/pull?schemaVersion=1&since=${rev + 1000}`);
	expect(ahead.status()).toBe(409);
	expect(await ahead.json()).toMatchObject({ error: 'cursor_ahead', field: 'since' });
});

test('a phone whose cursor is ahead of a restored server gives back what it lost and gets new changes again', async ({
	server
}) => {
	const signup = await fetch(`${server.url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login: 'restored_farmer', password: PASSWORD })
	});
	const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	const fetcher: typeof fetch = (input, init) =>
		fetch(`${server.url}${input as string}`, { ...init, headers: { ...init?.headers, cookie } });
	const transport = new FetchTransport(fetcher);
	const phoneData = new LocalData(createDb('restore-phone', { indexedDB, IDBKeyRange }));
	const phone = new SyncEngine(new SyncStore(phoneData.db), transport);
	const tabletData = new LocalData(createDb('restore-tablet', { indexedDB, IDBKeyRange }));
	const tablet = new SyncEngine(new SyncStore(tabletData.db), transport);

	const kept = await phoneData.fieldsRepo.create({ name: '东大地', areaM2: 6667 });
	expect(await phone.run()).toMatchObject({ ok: true, pushed: 1 });
	// another account fills revisions the restore will take away again
	const other = await fetch(`${server.url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login: 'busy_neighbour', password: PASSWORD })
	});
	const otherCookie = (other.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	const busy = new LocalData(createDb('restore-busy', { indexedDB, IDBKeyRange }));
	for (let i = 0; i < 5; i++) await busy.fieldsRepo.create({ name: `邻居 ${i}`, areaM2: 1 });
	await new SyncEngine(
		new SyncStore(busy.db),
		new FetchTransport((input, init) =>
			fetch(`${server.url}${input as string}`, {
				...init,
				headers: { ...init?.headers, cookie: otherCookie }
			})
		)
	).run();
	// the backup is taken here, then the phone's later change reaches only the server that is lost
	await server.stop();
	const restore = await backUp(server);
	await server.restart();
	await phoneData.fieldsRepo.update(kept.id, { crop: '大豆' });
	const lost = await phoneData.fieldsRepo.create({ name: '河边地', areaM2: 3000 });
	expect(await phone.run()).toMatchObject({ ok: true, pushed: 2 });
	await server.stop();
	await restore();
	await server.restart();

	// the tablet of the same account adds a field on the restored server
	await tablet.run();
	await tabletData.fieldsRepo.create({ name: '岗地', areaM2: 2000 });
	expect(await tablet.run()).toMatchObject({ ok: true, pushed: 1 });

	// the phone's cursor is ahead of the restored server: it sends all it has and pulls from 0
	expect(await phone.run()).toMatchObject({ ok: true });
	const names = async (data: LocalData) =>
		(await data.fieldsRepo.list()).map((f) => `${f.name}:${f.crop ?? ''}`).sort();
	expect(await names(phoneData)).toEqual(['东大地:大豆', '岗地:', '河边地:']);
	expect(await phone.run()).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
	// and what the server lost is back for the tablet too
	expect(await tablet.run()).toMatchObject({ ok: true });
	expect(await names(tabletData)).toEqual(['东大地:大豆', '岗地:', '河边地:']);
	expect((await phoneData.fieldsRepo.list()).find((f) => f.id === lost.id)?.ownerId).toBeTruthy();
});

test('a stranger’s client written from docs/sync-protocol.md alone: its own examples work as it says', async ({
	playwright,
	server
}) => {
	const doc = readFileSync('docs/sync-protocol.md', 'utf8');
	const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
		([, text]) => JSON.parse(text!) as Record<string, unknown>
	);
	type Op = { opId: string; table: string; recordId: string; patch: Record<string, unknown> };
	const pushes = blocks.filter((b) => Array.isArray(b.ops)) as { ops: Op[] }[];
	const fieldPush = pushes.find((b) => b.ops.some((o) => o.table === 'fields'))!;
	const publishPush = pushes.find((b) => b.ops.some((o) => o.table === 'batches'))!;
	const pushAnswer = blocks.find((b) => 'acked' in b) as { acked: string[] };
	const pullAnswer = blocks.find((b) => 'changes' in b) as {
		changes: { table: string; id: string; record: Record<string, unknown> }[];
	};
	expect([fieldPush, publishPush, pushAnswer, pullAnswer].every(Boolean)).toBe(true);

	const api = await playwright.request.newContext({ baseURL: server.url });
	const signup = await api.post('/api/auth/signup', {
		data: { login: 'stranger_client', password: PASSWORD }
	});
	expect(signup.status()).toBe(201);
	expect(await signup.json()).toMatchObject({ user: { login: 'stranger_client', role: 'farmer' } });

	const pushed = await api.post('/api/sync/push', { data: fieldPush });
	expect(pushed.status()).toBe(200);
	const answer = (await pushed.json()) as { acked: string[]; rev: number };
	expect(answer.acked).toEqual(pushAnswer.acked);
	expect(typeof answer.rev).toBe('number');

	const pulled = await api.get('/api/sync/pull?schemaVersion=1&since=0&limit=500');
	expect(pulled.status()).toBe(200);
	const page = (await pulled.json()) as { changes: typeof pullAnswer.changes; more: boolean };
	const [example] = pullAnswer.changes;
	const field = page.changes.find((c) => c.id === example!.id)!;
	expect(field.table).toBe(example!.table);
	expect(field.record).toMatchObject({
		name: example!.record.name,
		areaM2: example!.record.areaM2
	});
	expect(page.more).toBe(false);

	const published = await api.post('/api/sync/push', { data: publishPush });
	expect(published.status()).toBe(200);
	const batch = publishPush.ops.find((o) => o.table === 'batches')!;
	const profile = publishPush.ops.find((o) => o.table === 'profile')!;
	const code = batch.patch.code as string;
	expect(doc).toContain(`GET /t/${code}\` then answers \`200\``);
	const pageOf = await api.get(`/t/${code}`);
	expect(pageOf.status()).toBe(200);
	const html = await pageOf.text();
	for (const shown of [
		batch.patch.product,
		profile.patch.displayName,
		profile.patch.village,
		`${(batch.patch.quantityKg as number).toLocaleString('en')} 公斤`
	])
		expect(html).toContain(String(shown));
	// the code in any case, with dashes, is the same page (as the doc says)
	const dashed = `${code.slice(0, 4)}-${code.slice(4, 7)}-${code.slice(7)}`.toLowerCase();
	expect((await api.get(`/t/${dashed}`)).status()).toBe(200);
	await api.dispose();
});
