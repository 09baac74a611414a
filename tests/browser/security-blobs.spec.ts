import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { createAccount, expect, signUp, test } from './fixtures';
import { startServer } from './server';
import type { SyncedTable } from '../../src/lib/domain/sync-protocol';
import { newTraceCode } from '../../src/lib/domain/trace-code';
import { createPatch } from '../factories/records';

// Issue 19, photos: a photo is served only to the account that uploaded it, to the agents it shares its
// observations with, and on the trace page of a batch of its uploader; /status tells only of one's own
// uploads; every PUT is checked against the hash; a chunk sent twice (at once) is stored once.

const PASSWORD = 'heitu-black-soil';
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A photo-like blob of its own for each test: JPEG's first bytes, then `size` bytes of a pattern. */
const photoBytes = (tag: string, size = 4096) => {
	const bytes = new Uint8Array(size).map((_, i) => (i * 31 + tag.length * 7) % 251);
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	bytes.set(new TextEncoder().encode(tag), 4);
	return bytes;
};

let seq = 0;
const op = (table: SyncedTable, recordId: string, patch: Record<string, unknown>) => ({
	opId: randomUUID(),
	table,
	recordId,
	patch: createPatch(table, patch, { id: recordId }),
	hlc: `${String(Date.now() - 60_000 + ++seq).padStart(15, '0')}-00000-blobtest`
});

interface Farmer {
	api: APIRequestContext;
	push: (...ops: ReturnType<typeof op>[]) => Promise<void>;
	put: (hash: string, bytes: Uint8Array, start?: number, total?: number) => Promise<APIResponse>;
	status: (hash: string) => Promise<unknown>;
}

test.describe('photos', () => {
	let origin = '';
	const account = async (
		playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
		login: string,
		existing = false
	): Promise<Farmer> => {
		const api = await playwright.request.newContext({ baseURL: origin });
		const answer = await api.post(existing ? '/api/auth/login' : '/api/auth/signup', {
			headers: { origin },
			data: { login, password: PASSWORD }
		});
		expect(answer.ok(), `${login}: ${answer.status()}`).toBe(true);
		return {
			api,
			push: async (...ops) => {
				const pushed = await api.post('/api/sync/push', {
					headers: { origin },
					data: { schemaVersion: 1, ops }
				});
				expect(pushed.status(), await pushed.text()).toBe(200);
			},
			put: (hash, bytes, start = 0, total = bytes.length + start) =>
				api.put(`/api/blobs/${hash}`, {
					headers: {
						origin,
						'content-type': 'application/octet-stream',
						'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`
					},
					data: Buffer.from(bytes)
				}),
			status: async (hash) => (await (await api.get(`/api/blobs/${hash}/status`)).json()) as unknown
		};
	};

	test.beforeEach(({ server }) => {
		origin = server.url;
	});

	test("another account's photo is never served for naming its hash in a note or a photo field", async ({
		playwright
	}) => {
		const a = await account(playwright, 'blob_note_a');
		const b = await account(playwright, 'blob_note_b');
		const photo = photoBytes('note-a');
		const hash = sha(photo);
		expect((await a.put(hash, photo)).status()).toBe(200);
		await a.push(op('logs', 'a-obs', { photos: [hash] }));
		expect(Buffer.from(await (await a.api.get(`/api/blobs/${hash}`)).body())).toEqual(
			Buffer.from(photo)
		);

		// B writes A's hash in a note, then in a record's own photos: still not B's photo
		await b.push(op('logs', 'b-note', { notes: `看这个 ${hash}` }));
		const byNote = await b.api.get(`/api/blobs/${hash}`);
		expect(byNote.status()).toBe(404);
		expect(((await byNote.json()) as { error: string }).error).toBe('not_found');
		await b.push(op('logs', 'b-obs', { photos: [hash] }));
		expect((await b.api.get(`/api/blobs/${hash}`)).status()).toBe(404);
		// A still has it
		expect((await a.api.get(`/api/blobs/${hash}`)).status()).toBe(200);
	});

	test("a published batch naming another account's photo does not show it on its trace page", async ({
		playwright
	}) => {
		const a = await account(playwright, 'blob_trace_a');
		const b = await account(playwright, 'blob_trace_b');
		const photo = photoBytes('trace-a');
		const hash = sha(photo);
		expect((await a.put(hash, photo)).status()).toBe(200);
		const chain = (who: string, code: string) => [
			op('fields', `${who}-f`, {}),
			op('logs', `${who}-h`, {
				type: 'harvest',
				fieldId: `${who}-f`,
				at: Date.now() - 86_400_000,
				photos: [hash]
			}),
			op('batches', `${who}-b`, {
				code,
				fieldIds: [`${who}-f`],
				harvestLogIds: [`${who}-h`],
				publish: { enabled: true, photos: true }
			})
		];
		// A's own published batch shows A's photo
		const codeA = newTraceCode();
		await a.push(...chain('trace-a', codeA));
		expect((await a.api.get(`/t/${codeA}/photo/${hash}`)).status()).toBe(200);
		// B's batch names it in its own chain: not served
		const codeB = newTraceCode();
		await b.push(...chain('trace-b', codeB));
		const anyone = await playwright.request.newContext({ baseURL: origin });
		const page = await anyone.get(`/t/${codeB}`);
		expect(page.status()).toBe(200);
		expect(await page.text()).not.toContain(`/photo/${hash}`);
		expect((await anyone.get(`/t/${codeB}/photo/${hash}`)).status()).toBe(404);
		expect((await anyone.get(`/t/${codeA}/photo/${hash}`)).status()).toBe(200);
	});

	test("/status tells nothing of another account's upload; the same bytes uploaded make one an uploader too", async ({
		playwright
	}) => {
		const a = await account(playwright, 'blob_status_a');
		const b = await account(playwright, 'blob_status_b');
		const photo = photoBytes('status-a', 100_000);
		const hash = sha(photo);
		expect((await a.put(hash, photo)).status()).toBe(200);
		const half = photoBytes('status-half', 100_000);
		const halfHash = sha(half);
		expect((await a.put(halfHash, half.subarray(0, 65_536), 0, half.length)).status()).toBe(202);
		expect(await a.status(hash)).toMatchObject({ complete: true, received: photo.length });
		expect(await a.status(halfHash)).toEqual({ complete: false, received: 65_536 });

		expect(await b.status(hash)).toEqual({ complete: false, received: 0 });
		expect(await b.status(halfHash)).toEqual({ complete: false, received: 0 });
		expect((await b.api.get(`/api/blobs/${hash}`)).status()).toBe(404);
		// B has the same photo (sent to both by a neighbour): B uploads it whole, in chunks, and has it
		expect((await b.put(hash, photo.subarray(0, 65_536), 0, photo.length)).status()).toBe(202);
		expect(await b.status(hash)).toEqual({ complete: false, received: 65_536 });
		expect((await b.put(hash, photo.subarray(65_536), 65_536)).status()).toBe(200);
		expect(await b.status(hash)).toMatchObject({ complete: true, received: photo.length });
		expect(Buffer.from(await (await b.api.get(`/api/blobs/${hash}`)).body())).toEqual(
			Buffer.from(photo)
		);
	});

	test('a PUT with one wrong byte to a photo the server has is refused, and the photo is kept', async ({
		playwright
	}) => {
		const a = await account(playwright, 'blob_wrong_a');
		const b = await account(playwright, 'blob_wrong_b');
		const photo = photoBytes('wrong-a');
		const hash = sha(photo);
		expect((await a.put(hash, photo)).status()).toBe(200);
		const wrong = photo.slice();
		wrong[100] = (wrong[100] ?? 0) ^ 1;
		for (const who of [a, b]) {
			const answer = await who.put(hash, wrong);
			expect(answer.status()).toBe(400);
			expect(await answer.json()).toMatchObject({ error: 'hash_mismatch', field: 'body' });
		}
		// a wrong byte in a later chunk of a resent last chunk too
		const again = await a.put(hash, wrong.subarray(64), 64, photo.length);
		expect(again.status()).toBe(400);
		expect(Buffer.from(await (await a.api.get(`/api/blobs/${hash}`)).body())).toEqual(
			Buffer.from(photo)
		);
		expect(await b.status(hash)).toEqual({ complete: false, received: 0 });
		// the right bytes resent are a retry
		expect(await (await a.put(hash, photo)).json()).toEqual({ complete: true, size: photo.length });
	});

	test('a chunk sent twice at once is stored once, and the upload completes', async ({
		playwright
	}) => {
		const a = await account(playwright, 'blob_twice_a');
		const photo = photoBytes('twice-a', 131_089);
		const hash = sha(photo);
		const chunk = (start: number) => photo.subarray(start, start + 65_536);
		const twice = (start: number) =>
			Promise.all([
				a.put(hash, chunk(start), start, photo.length),
				a.put(hash, chunk(start), start, photo.length)
			]);
		for (const answer of await twice(0)) {
			expect(answer.status()).toBe(202);
			expect(await answer.json()).toEqual({ complete: false, received: 65_536 });
		}
		expect(await a.status(hash)).toEqual({ complete: false, received: 65_536 });
		for (const answer of await twice(65_536))
			expect(await answer.json()).toEqual({ complete: false, received: 131_072 });
		expect(await a.status(hash)).toEqual({ complete: false, received: 131_072 });
		const last = await twice(131_072);
		for (const answer of last) {
			expect(answer.status()).toBe(200);
			expect(await answer.json()).toEqual({ complete: true, size: photo.length });
		}
		await a.push(op('logs', 'twice', { photos: [hash] }));
		expect(Buffer.from(await (await a.api.get(`/api/blobs/${hash}`)).body())).toEqual(
			Buffer.from(photo)
		);
	});

	test("an agent sees a member's observation photo only while the member shares observations with the group", async ({
		playwright,
		server
	}) => {
		await createAccount(server, 'blob_agent', 'agent', PASSWORD);
		await createAccount(server, 'blob_agent_other', 'agent', PASSWORD);
		const agent = await account(playwright, 'blob_agent', true);
		const other = await account(playwright, 'blob_agent_other', true);
		const a = await account(playwright, 'blob_member_a');
		const made = await agent.api.post('/api/groups', {
			headers: { origin },
			data: { name: '照片组' }
		});
		const group = (await made.json()) as { id: string; invite: { code: string } };
		const sharing = (observations: boolean) => ({
			learning: false,
			observations,
			locations: false
		});
		const joined = await a.api.post('/api/groups/join', {
			headers: { origin },
			data: { code: group.invite.code, sharing: sharing(true) }
		});
		expect(joined.ok()).toBe(true);
		const seen = photoBytes('agent-seen');
		const mine = photoBytes('agent-profile');
		const planned = photoBytes('agent-planned');
		for (const bytes of [seen, mine, planned])
			expect((await a.put(sha(bytes), bytes)).status()).toBe(200);
		await a.push(
			op('logs', 'obs', { photos: [sha(seen)] }),
			op('logs', 'plan', {
				status: 'planned',
				at: Date.now() + 86_400_000,
				photos: [sha(planned)]
			}),
			op('profile', 'me', { photo: sha(mine) })
		);
		const get = (who: Farmer, bytes: Uint8Array) =>
			who.api.get(`/api/blobs/${sha(bytes)}`).then((r) => r.status());

		expect(await get(agent, seen)).toBe(200);
		// kept in no cache of the agent's: it is theirs only while A shares
		const shared = await agent.api.get(`/api/blobs/${sha(seen)}`);
		expect(shared.headers()['cache-control']).toBe('private, no-store');
		expect((await a.api.get(`/api/blobs/${sha(seen)}`)).headers()['cache-control']).toContain(
			'immutable'
		);
		// not what the dashboard does not show: a planned log, the profile photo; nothing for another agent
		expect(await get(agent, planned)).toBe(404);
		expect(await get(agent, mine)).toBe(404);
		expect(await get(other, seen)).toBe(404);

		const membership = `/api/groups/${group.id}/membership`;
		const stop = await a.api.put(membership, {
			headers: { origin },
			data: { sharing: sharing(false) }
		});
		expect(stop.ok()).toBe(true);
		expect(await get(agent, seen)).toBe(404);
		await a.api.put(membership, { headers: { origin }, data: { sharing: sharing(true) } });
		expect(await get(agent, seen)).toBe(200);
		// the observation deleted: its photo goes with it
		await a.push(op('logs', 'obs', { deleted: true, photos: [sha(seen)] }));
		expect(await get(agent, seen)).toBe(404);
		await a.push(op('logs', 'obs2', { photos: [sha(seen)] }));
		expect(await get(agent, seen)).toBe(200);
		expect((await a.api.delete(membership, { headers: { origin } })).ok()).toBe(true);
		expect(await get(agent, seen)).toBe(404);
		expect(await get(a, seen)).toBe(200);
	});
});

test('a phone whose photo space on the server is full says so on 我的, keeps the photo and syncs the records', async ({
	browser
}) => {
	// BLOB_QUOTA_MB as an operator sets it: here about 10 KB, less than one photo
	const server = await startServer({ env: { BLOB_QUOTA_MB: '0.01' } });
	const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	try {
		const page = await context.newPage();
		await signUp(page, 'full_space_farmer');
		await page.getByLabel('拍照或选一张照片').setInputFiles({
			name: 'label.jpg',
			mimeType: 'image/jpeg',
			buffer: readFileSync('tests/fixtures/label-photo.jpg')
		});
		await expect(page.getByTestId('stored-photo')).toBeVisible();
		await page.getByRole('button', { name: '立即同步' }).click();
		await expect(page.getByTestId('sync-photos-held')).toHaveText(
			'有 1 张照片没传上去：服务器上给你存照片的地方满了。照片还在这部手机上，等有了地方再传。请告诉农技员或管理员。'
		);
		// the photo is what still waits; the record naming it has synced (below)
		await expect(page.getByTestId('sync-pending')).toHaveText('1 项改动等待同步。');
		await expect(page.getByTestId('sync-problem')).toHaveCount(0);
		await expect(page.getByTestId('stored-photo')).toBeVisible();
		// the server has the record that names the photo, not the photo
		const me = await context.request.get('/api/sync/pull?since=0&schemaVersion=1');
		const pulled = (await me.json()) as {
			changes: { table: string; record: { photo?: string } }[];
		};
		const profile = pulled.changes.find((c) => c.table === 'profile');
		expect(profile?.record.photo).toMatch(/^[0-9a-f]{64}$/);
		const status = await context.request.get(`/api/blobs/${profile!.record.photo}/status`);
		expect(((await status.json()) as { complete: boolean }).complete).toBe(false);
	} finally {
		await context.close();
		await server.dispose();
	}
});
