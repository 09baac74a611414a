import fc from 'fast-check';
import { SCHEMA_VERSION } from '../../src/lib/domain/records';
import { TRACKS } from '../../src/lib/domain/lessons';
import type { PullResponse } from '../../src/lib/domain/sync-protocol';
import { createServerDb } from '../../src/lib/server/db/database';
import { esc } from '../../src/lib/server/html';
import { storeAsOlderServer } from '../factories/older-server';
import { createAccount, expect, test } from './fixtures';
import { check, expectHandled, signedIn, type Client } from './fuzz-client';
import { invalidRecord, validRecord, type Data, type Generated } from './record-arbitraries';

/**
 * Issue 18, "the record must be true": records of every table, valid and invalid (fast-check), pushed as a
 * farmer's phone would, then every server reader: the pull, the member's and the agent's groups, the agent's
 * dashboard, the admin overview, the public trace pages and certificates. Never a 5xx; every invalid record
 * refused with 400 naming its field, and a push holding one writes nothing; every valid record readable
 * everywhere it belongs. Records that break the rules are also written straight into the database (as an older
 * server stored them) and must not break a reader. On SQLite and, in CI, PostgreSQL. FUZZ_RUNS sets the runs.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ALL = { learning: true, observations: true, locations: true };

let stamp = 0;
const hlc = () => `${String(Date.now() - 120_000 + ++stamp).padStart(15, '0')}-00000-fuzzrecords`;
const opOf = (r: Generated) => ({
	opId: crypto.randomUUID(),
	table: r.table,
	recordId: r.id,
	patch: r.patch,
	hlc: hlc()
});
const json = <T>(text: string) => JSON.parse(text) as T;
/** What a value looks like after JSON, as the server received it. */
const sent = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

async function pullAll(client: Client): Promise<Map<string, Data>> {
	const records = new Map<string, Data>();
	for (let since = 0, more = true; more;) {
		const answer = await client.get(`/api/sync/pull?schemaVersion=1&since=${since}&limit=1000`);
		expectHandled(answer, 'pull');
		check(answer.status === 200, `pull → ${answer.status}`);
		const page = json<PullResponse>(answer.text);
		for (const c of page.changes) records.set(`${c.table}/${c.id}`, c.record);
		since = page.cursor;
		more = page.more;
	}
	return records;
}

test('records of every table, valid and invalid, through the server and every reader: no 5xx, bad ones refused, good ones readable', async ({
	server
}) => {
	test.setTimeout(Math.max(300_000, RUNS * 6_000));
	await createAccount(server, 'fuzz_rec_admin', 'admin');
	await createAccount(server, 'fuzz_rec_agent', 'agent');
	const admin = await signedIn(server.url, 'fuzz_rec_admin', 'login');
	const agent = await signedIn(server.url, 'fuzz_rec_agent', 'login');
	const farmer = await signedIn(server.url, 'fuzz_rec_farmer', 'signup');
	const made = await agent.post('/api/groups', { data: { name: '记录测试组' } });
	expect(made.status, made.text).toBe(201);
	const group = json<{ id: string; invite: { code: string } }>(made.text);
	const joined = await farmer.post('/api/groups/join', {
		data: { code: group.invite.code, sharing: ALL }
	});
	expect(joined.status, joined.text).toBe(200);
	// a member whose phone ran an older app: its profile and learning record are stored broken (below)
	const older = await signedIn(server.url, 'fuzz_rec_older', 'signup');
	const olderJoined = await older.post('/api/groups/join', {
		data: { code: group.invite.code, sharing: ALL }
	});
	expect(olderJoined.status, olderJoined.text).toBe(200);

	// what an older server stored as it came: written straight into the database
	const db = createServerDb({
		databaseUrl: server.databaseEnv.DATABASE_URL || undefined,
		sqlitePath: server.databaseEnv.SQLITE_PATH
	}).db;
	const users = await db.selectFrom('users').select(['id', 'login']).execute();
	const ownerOf = (login: string) => users.find((u) => u.login === login)!.id;
	const storeAsOlder = (owner: string, r: Generated) =>
		storeAsOlderServer(db, owner, r.table, r.id, { ...r.patch, hlc: hlc() });
	// the issue's case: an agent named ["x"] broke every member's groups and the admin overview
	await storeAsOlderServer(db, ownerOf('fuzz_rec_agent'), 'profile', 'me', {
		displayName: ['x'],
		village: ''
	});

	const accepted = new Map<string, Generated>();
	const fieldIds: string[] = [];
	const item = fc.oneof(
		{
			weight: 3,
			arbitrary: validRecord(fieldIds).map((r) => ({ ...r, valid: true as const, how: '' }))
		},
		{ weight: 2, arbitrary: invalidRecord(fieldIds).map((r) => ({ ...r, valid: false as const })) }
	);

	await fc.assert(
		fc.asyncProperty(
			fc.array(item, { minLength: 1, maxLength: 6 }),
			fc.array(invalidRecord([]), { maxLength: 2 }),
			async (records, legacy) => {
				for (const r of records) {
					const what = `${r.table} ${r.valid ? 'valid' : `invalid (${r.how})`}: ${JSON.stringify(r.patch).slice(0, 300)}`;
					const answer = await farmer.post('/api/sync/push', {
						data: { schemaVersion: SCHEMA_VERSION, ops: [opOf(r)] }
					});
					expectHandled(answer, what);
					if (r.valid) {
						check(answer.status === 200, `${what} → ${answer.status} ${answer.text}`);
						accepted.set(`${r.table}/${r.id}`, r);
						if (r.table === 'fields') fieldIds.push(r.id);
					} else {
						const body = json<{ error: string; field?: string }>(answer.text);
						check(
							answer.status === 400 &&
								body.error === 'invalid' &&
								(body.field ?? '').startsWith('ops.0.patch'),
							`${what} → ${answer.status} ${answer.text}`
						);
					}
				}
				// a push with one bad record among good ones writes nothing
				const bad = records.find((r) => !r.valid);
				if (bad) {
					const before = json<PullResponse>(
						(await farmer.get('/api/sync/pull?schemaVersion=1&since=0&limit=1')).text
					);
					const good = records.filter(
						// per-account records and batches (their trace codes) can't be sent again under new ids
						(r) => r.valid && !['profile', 'lessonProgress', 'batches'].includes(r.table)
					);
					const mixed = await farmer.post('/api/sync/push', {
						data: {
							schemaVersion: SCHEMA_VERSION,
							ops: [...good.map((r) => opOf({ ...r, id: crypto.randomUUID() })), opOf(bad)]
						}
					});
					check(
						mixed.status === 400,
						`a push with ${bad.how} among ${good.length} good → ${mixed.status}`
					);
					const after = json<PullResponse>(
						(await farmer.get('/api/sync/pull?schemaVersion=1&since=0&limit=1')).text
					);
					check(
						JSON.stringify(after.changes) === JSON.stringify(before.changes),
						'a refused push wrote something'
					);
				}
				// the farmer's own broken records beside the good ones; one per account goes to the older member
				for (const r of legacy)
					await storeAsOlder(
						ownerOf(
							r.table === 'profile' || r.table === 'lessonProgress'
								? 'fuzz_rec_older'
								: 'fuzz_rec_farmer'
						),
						r
					);

				// the pull: every accepted record, as sent (the latest of a per-account record)
				const pulled = await pullAll(farmer);
				for (const [key, r] of accepted) {
					const record = pulled.get(key);
					check(record !== undefined, `${key} is not pulled back`);
					for (const [field, value] of Object.entries(sent(r.patch) as Data))
						check(
							JSON.stringify(record![field]) === JSON.stringify(value),
							`${key}.${field}: sent ${JSON.stringify(value)}, pulled ${JSON.stringify(record![field])}`
						);
				}
				// groups, for the member and the agent; the dashboard shows every observation done
				for (const [who, client] of [
					['member', farmer],
					['agent', agent]
				] as const) {
					const mine = await client.get('/api/groups');
					expectHandled(mine, `${who}: GET /api/groups`);
					check(mine.status === 200, `${who}: GET /api/groups → ${mine.status}`);
				}
				const dashboard = await agent.get(`/api/groups/${group.id}/dashboard`);
				expectHandled(dashboard, 'dashboard');
				check(
					dashboard.status === 200,
					`dashboard → ${dashboard.status} ${dashboard.text.slice(0, 200)}`
				);
				const members = json<{
					members: { id: string; name: string; observations?: { id: string }[] }[];
				}>(dashboard.text).members;
				const member = members.find((x) => x.id === ownerOf('fuzz_rec_farmer'));
				check(members.length === 2, `the dashboard shows ${members.length} of 2 members`);
				const shown = new Set((member?.observations ?? []).map((o) => o.id));
				for (const r of accepted.values())
					if (r.table === 'logs' && r.patch.type === 'observation' && r.patch.status === 'done')
						check(shown.has(r.id), `observation ${r.id} is not on the dashboard`);
				const profile = accepted.get('profile/me');
				if (profile)
					check(
						member?.name === (String(profile.patch.displayName).trim() || 'fuzz_rec_farmer'),
						`dashboard name ${member?.name} ≠ profile ${JSON.stringify(profile.patch.displayName)}`
					);
				const overview = await admin.get('/api/admin/overview');
				expectHandled(overview, 'admin overview');
				check(overview.status === 200, `admin overview → ${overview.status}`);
				// the public trace page of every batch: published ones show their product, others are not found
				for (const r of records.filter((x) => x.valid && x.table === 'batches')) {
					const page = await farmer.get(`/t/${String(r.patch.code)}`);
					check(page.status < 500, `/t/${String(r.patch.code)} → ${page.status}`);
					const published = (r.patch.publish as { enabled: boolean }).enabled;
					check(
						page.status === (published ? 200 : 404),
						`/t/<code> of a batch published=${published} → ${page.status}`
					);
					const product = String(r.patch.product).trim();
					if (published && product)
						check(page.text.includes(esc(product)), `/t/<code> does not show ${product}`);
				}
				// certificates: issued only for a track fully mastered; anyone can check one
				for (const track of TRACKS) {
					const issued = await farmer.post('/api/certificates', { data: { track } });
					expectHandled(issued, `certificate ${track}`);
					if (issued.status < 300) {
						const { certificate } = json<{ certificate: { code: string } }>(issued.text);
						const verify = await farmer.get(`/verify/${certificate.code}`);
						check(verify.status === 200, `/verify → ${verify.status}`);
					}
				}
			}
		),
		{ numRuns: RUNS, endOnFailure: true }
	);
	await db.destroy();
});
