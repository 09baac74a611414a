import { gzipSync } from 'node:zlib';
import type { APIResponse } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { createPatch } from '../factories/records';
import { expect, test } from './fixtures';

async function body<T = Record<string, unknown>>(
	response: APIResponse | Promise<APIResponse>
): Promise<T> {
	const resolved = await response;
	return (await resolved.json()) as T;
}

// The sync API against a real server process: what a client that misbehaves gets back.

const stamp = (n: number) => `${String(Date.now() + n).padStart(15, '0')}-00000-apitest`;
let opSeq = 0;
/** A change to a field; `whole` makes it the create a device sends (every field of the record). */
const op = (recordId: string, patch: Record<string, unknown>, whole = true) => ({
	opId: `0190f0c2-0000-7000-8000-${String(++opSeq).padStart(12, '0')}`,
	table: 'fields',
	recordId,
	patch: whole ? createPatch('fields', patch) : patch,
	hlc: stamp(opSeq)
});

test('pushing needs a session; a bad push is refused whole, naming the field', async ({
	playwright,
	server
}) => {
	const api = await playwright.request.newContext({ baseURL: server.url });
	const anonymous = await api.post('/api/sync/push', { data: { schemaVersion: 1, ops: [] } });
	expect(anonymous.status()).toBe(401);
	expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });

	const signup = await api.post('/api/auth/signup', {
		data: { login: 'api_user', password: 'long-enough-password' }
	});
	expect(signup.status()).toBe(201);
	expect(signup.headers()['set-cookie']).toMatch(/heitu_session=.*HttpOnly.*SameSite=Lax/i);

	const good = op('f1', { name: 'ok' });
	const bad = { ...op('f2', { name: 'x' }), hlc: 'yesterday' };
	const refused = await api.post('/api/sync/push', {
		data: { schemaVersion: 1, ops: [good, bad] }
	});
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toMatchObject({ error: 'invalid', field: 'ops.1.hlc' });

	const notJson = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json' },
		data: '{"schemaVersion": 1, "ops": ['
	});
	expect(notJson.status()).toBe(400);
	expect(await notJson.json()).toMatchObject({ field: 'body' });

	const huge = await api.post('/api/sync/push', {
		data: { schemaVersion: 1, ops: [op('f3', { notes: 'x'.repeat(3 * 1024 * 1024) })] }
	});
	expect(huge.status()).toBe(413);
	expect(await huge.json()).toMatchObject({ error: 'too_large', field: 'body' });

	const pulled = await body<PullResponse>(api.get('/api/sync/pull?schemaVersion=1&since=0'));
	expect(pulled).toEqual({ changes: [], cursor: 0, more: false });

	const mismatch = await api.post('/api/sync/push', { data: { schemaVersion: 0, ops: [good] } });
	expect(mismatch.status()).toBe(409);
	expect(await mismatch.json()).toMatchObject({ error: 'schema_mismatch', serverSchemaVersion: 1 });
	await api.dispose();
});

test('a gzipped push is unpacked; false or oversized gzip is refused; big answers come gzipped', async ({
	playwright,
	server
}) => {
	const api = await playwright.request.newContext({ baseURL: server.url });
	await api.post('/api/auth/signup', {
		data: { login: 'gzip_user', password: 'long-enough-password' }
	});
	const ops = Array.from({ length: 40 }, (_, i) =>
		op(`gz${i}`, { name: `地块 ${i}`, crop: '玉米' })
	);
	const packed = gzipSync(JSON.stringify({ schemaVersion: 1, ops, since: 0 }));
	const pushed = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
		data: packed
	});
	expect(pushed.status()).toBe(200);
	const answer = await body<{ acked: string[]; rev: number; cursor?: number }>(pushed);
	expect(answer.acked).toHaveLength(40);
	expect(answer.cursor).toBe(answer.rev); // nothing else changed this account: no need to pull it back

	const pull = await api.get('/api/sync/pull?schemaVersion=1&since=0', {
		headers: { 'accept-encoding': 'gzip' }
	});
	expect(pull.headers()['content-encoding']).toBe('gzip');
	const pulled = await body<PullResponse>(pull);
	expect(pulled.changes.map((c) => c.record.name)).toEqual(ops.map((o) => o.patch.name));

	const notGzip = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
		data: JSON.stringify({ schemaVersion: 1, ops: [op('x1', { name: 'x' })] })
	});
	expect(notGzip.status()).toBe(400);
	expect(await notGzip.json()).toMatchObject({ error: 'invalid', field: 'body' });

	// 3 MB of spaces packs into a few KB: refused by its unpacked size, nothing written
	const bomb = gzipSync(`{"schemaVersion":1,"ops":[]${' '.repeat(3 * 1024 * 1024)}}`);
	expect(bomb.length).toBeLessThan(10_000);
	const refused = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
		data: bomb
	});
	expect(refused.status()).toBe(413);
	expect(await refused.json()).toMatchObject({ error: 'too_large', field: 'body' });

	const brotli = await api.post('/api/sync/push', {
		headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
		data: Buffer.from('whatever')
	});
	expect(brotli.status()).toBe(415);
	expect(await brotli.json()).toMatchObject({ field: 'content-encoding' });
	const after = await body<PullResponse>(api.get('/api/sync/pull?schemaVersion=1&since=0'));
	expect(after.changes).toHaveLength(40);
	await api.dispose();
});

test('a replayed push is applied once; another account using the same id gets a record of its own', async ({
	playwright,
	server
}) => {
	const owner = await playwright.request.newContext({ baseURL: server.url });
	const other = await playwright.request.newContext({ baseURL: server.url });
	await owner.post('/api/auth/signup', {
		data: { login: 'owner_a', password: 'long-enough-password' }
	});
	await other.post('/api/auth/signup', {
		data: { login: 'other_b', password: 'long-enough-password' }
	});

	const ops = [op('shared-id', { name: '东大地', areaM2: 6667 })];
	const first = await body(owner.post('/api/sync/push', { data: { schemaVersion: 1, ops } }));
	const replay = await body(owner.post('/api/sync/push', { data: { schemaVersion: 1, ops } }));
	expect(replay).toEqual(first);
	const pulled = await body<PullResponse>(owner.get('/api/sync/pull?schemaVersion=1&since=0'));
	expect(pulled.changes).toHaveLength(1);

	// record ids are each account's own: the same id makes the other account's own record, not a change of ours
	const same = await other.post('/api/sync/push', {
		data: { schemaVersion: 1, ops: [op('shared-id', { name: 'mine now', areaM2: 1 })] }
	});
	expect(same.status()).toBe(200);
	const otherPull = await body<PullResponse>(other.get('/api/sync/pull?schemaVersion=1&since=0'));
	expect(otherPull.changes.map((c) => c.record.name)).toEqual(['mine now']);
	const ownerPull = await body<PullResponse>(owner.get('/api/sync/pull?schemaVersion=1&since=0'));
	expect(ownerPull.changes.map((c) => c.record.name)).toEqual(['东大地']);
	await owner.dispose();
	await other.dispose();
});

test('another site cannot post with the user’s cookie (CSRF)', async ({ playwright, server }) => {
	const api = await playwright.request.newContext({ baseURL: server.url });
	await api.post('/api/auth/signup', {
		data: { login: 'csrf_user', password: 'long-enough-password' }
	});
	const forged = await api.post('/api/sync/push', {
		headers: { origin: 'https://evil.example' },
		data: { schemaVersion: 1, ops: [op('f9', { name: 'forged' })] }
	});
	expect(forged.status()).toBe(403);
	expect(await forged.json()).toMatchObject({ error: 'csrf' });
	const logout = await api.post('/api/auth/logout', { headers: { origin: server.url } });
	expect(logout.status()).toBe(200);
	expect((await api.get('/api/auth/me')).status()).toBe(401);
	await api.dispose();
});
