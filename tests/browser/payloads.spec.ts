import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { newTraceCode } from '../../src/lib/domain/trace-code';
import { createAccount, expect, signUp, test, waitForServiceWorker } from './fixtures';

// Issue 10, security: script and HTML payloads in every kind of user text, arriving from another phone by
// sync, are shown as text in the app, on the agent's dashboard and on the public trace page, and run nothing;
// SQL-injection strings are stored and returned exactly as typed.

// each payload, if it ran, would set window.__pwned or open a dialog
const PAYLOADS = [
	'<script>window.__pwned=1</script>',
	'<img src=x onerror="window.__pwned=1">',
	'"><svg onload="window.__pwned=1">',
	"'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
	'javascript:window.__pwned=1',
	'{{constructor.constructor("window.__pwned=1")()}}',
	'${window.__pwned=1}'
];
const SQL = [
	"'; DROP TABLE records; --",
	'" OR 1=1 --',
	"Robert'); DELETE FROM users WHERE ('1'='1",
	"%_\\\\ LIKE '%'"
];
const ALL = [...PAYLOADS, ...SQL];
/**
 * Text number i: a payload after `东i`, the i-th one if it fits the field's limit (the record schemas'), else
 * the next that does; so a field holds as long and as dangerous a text as the app would store there.
 */
const texts: string[] = [];
function fit(i: number, max: number): string {
	for (let k = 0; k < ALL.length; k++) {
		const candidate = `东${i}${ALL[(i + k) % ALL.length]}`;
		if (candidate.length <= max) return (texts[i] = candidate);
	}
	throw new Error(`no payload fits in ${max} characters`);
}
const text = (i: number) => texts[i] ?? '';

let seq = 0;
const op = (table: string, recordId: string, patch: Record<string, unknown>) => ({
	opId: randomUUID(),
	table,
	recordId,
	patch: { ...patch, createdAt: Date.now(), updatedAt: Date.now(), deleted: false },
	hlc: `${String(Date.now() - 60_000 + ++seq).padStart(15, '0')}-00000-otherphone`
});

async function nothingRan(page: Page) {
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
}

test('script, HTML and SQL payloads in every text field stay text everywhere they are shown', async ({
	page,
	browser,
	server
}) => {
	test.setTimeout(120_000);
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await page.goto('/');
	await waitForServiceWorker(page);
	await signUp(page, 'payload_farmer');
	const origin = server.url;

	// what another phone of the same farmer synced: every text a farmer types, each holding a payload
	const code = newTraceCode();
	const ops = [
		op('profile', 'me', { displayName: fit(0, 40), village: fit(1, 60) }),
		op('fields', 'pf', {
			name: fit(2, 40),
			areaM2: 6667,
			crop: fit(3, 20),
			variety: fit(4, 40),
			season: '2026'
		}),
		op('inputs', 'pi', {
			kind: 'pesticide',
			name: fit(5, 60),
			// a pesticide's registration number is PD and digits: no room for a payload
			registrationNo: 'PD20080005',
			npk: '',
			activeIngredient: fit(7, 80),
			notes: fit(8, 2000),
			preHarvestDays: 7,
			maxApplications: 2
		}),
		op('logs', 'pl', {
			type: 'spraying',
			fieldId: 'pf',
			status: 'done',
			at: Date.now() - 86_400_000,
			notes: fit(9, 2000),
			details: {
				product: 'pi',
				dose: { value: 30, unit: 'mlPerMu' },
				target: fit(10, 40),
				weather: fit(11, 60)
			}
		}),
		op('logs', 'ph', {
			type: 'harvest',
			fieldId: 'pf',
			status: 'done',
			at: Date.now() - 3_600_000,
			notes: fit(12, 2000),
			details: { quantity: { value: 1000, unit: 'kg' }, lot: fit(13, 40) }
		}),
		op('batches', 'pb', {
			code,
			product: fit(14, 40),
			fieldIds: ['pf'],
			harvestLogIds: ['ph'],
			quantityKg: 1000,
			origin: 'harvest',
			parentIds: [],
			status: 'open',
			at: Date.now() - 3_600_000,
			notes: fit(15, 2000),
			publish: { enabled: true, producer: true, origin: true, place: false, photos: false }
		}),
		op('logs', 'po', {
			type: 'observation',
			fieldId: 'pf',
			status: 'done',
			at: Date.now() - 7_200_000,
			notes: fit(16, 2000),
			details: { pest: fit(17, 60) }
		})
	];
	const pushed = await page.request.post('/api/sync/push', {
		headers: { origin },
		data: { schemaVersion: 1, ops }
	});
	expect(pushed.status(), await pushed.text()).toBe(200);

	// SQL strings come back exactly as sent
	const pulled = (await (
		await page.request.get('/api/sync/pull?schemaVersion=1&since=0')
	).json()) as {
		changes: { id: string; record: Record<string, unknown> }[];
	};
	const byId = new Map(pulled.changes.map((c) => [c.id, c.record]));
	expect(byId.get('me')).toMatchObject({ displayName: text(0), village: text(1) });
	expect(byId.get('pf')).toMatchObject({ name: text(2), crop: text(3), variety: text(4) });
	expect(byId.get('pi')).toMatchObject({ activeIngredient: text(7), notes: text(8) });
	expect(byId.get('pb')).toMatchObject({ product: text(14), notes: text(15) });

	await page.goto('/me');
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByRole('button', { name: '立即同步' })).toBeEnabled();

	const screens: [string, number[]][] = [
		['/fields', [2]],
		['/fields/pf', [2, 3, 4]],
		['/records', [2]],
		['/records/pl', [5, 9, 10, 11]],
		['/records/ph', [12, 13]],
		['/records/po', [16, 17]],
		['/inputs', [5]],
		['/inputs/pi', [5]],
		['/batches', [14]],
		['/batches/pb', [14]]
	];
	for (const [path, shown] of screens) {
		await page.goto(path);
		for (const i of shown)
			await expect(
				page.getByText(text(i), { exact: false }).first(),
				`${path}: ${text(i)}`
			).toBeVisible();
		await nothingRan(page);
	}
	// an inventory item opens as its edit form: the texts are the boxes' values, not markup
	await page.goto('/inputs/pi');
	await expect(page.getByLabel('有效成分')).toHaveValue(text(7));
	await nothingRan(page);
	// the profile form holds them as values, not markup
	await page.goto('/me');
	await expect(page.getByLabel('称呼')).toHaveValue(text(0));
	await expect(page.getByLabel('村（屯）')).toHaveValue(text(1));
	await nothingRan(page);

	// the public trace page (server-rendered): the product and producer as text, the notes never
	const buyer = await browser.newPage();
	buyer.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const response = await buyer.goto(`${server.url}/t/${code}`);
	expect(response?.status()).toBe(200);
	await expect(buyer.getByRole('heading', { level: 1 })).toContainText(text(14));
	await expect(buyer.getByText(text(0))).toBeVisible();
	expect(await buyer.content()).not.toContain(text(15));
	await nothingRan(buyer);

	// the agent's dashboard: the member's name and pest words as text
	await createAccount(server, 'payload_agent', 'agent');
	const agentContext = await browser.newContext({ baseURL: server.url });
	const agent = await agentContext.newPage();
	agent.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await agent.goto('/me');
	await agent.getByLabel('手机号或用户名').fill('payload_agent');
	await agent.getByLabel('密码（至少 8 位）').fill('heitu-black-soil');
	await agent.getByRole('button', { name: '登录', exact: true }).click();
	await expect(agent.getByTestId('signed-in')).toBeVisible();
	const made = await agent.request.post('/api/groups', {
		headers: { origin },
		data: { name: SQL[0] }
	});
	const group = (await made.json()) as { id: string; name: string; invite: { code: string } };
	expect(group.name).toBe(SQL[0]);
	await page.request.post('/api/groups/join', {
		headers: { origin },
		data: {
			code: group.invite.code,
			sharing: { learning: true, observations: true, locations: true }
		}
	});
	await agent.goto('/me');
	await agent.getByRole('button', { name: '立即同步' }).click();
	await expect(agent.getByRole('button', { name: '立即同步' })).toBeEnabled();
	await agent.goto(`/agent/${group.id}`);
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText(SQL[0]!);
	await expect(agent.getByTestId('observation-list')).toContainText(text(0));
	await expect(agent.getByTestId('observation-list')).toContainText(text(17));
	await nothingRan(agent);

	expect(dialogs).toEqual([]);
	await agentContext.close();
});
