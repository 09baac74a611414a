import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { SyncedTable } from '../../src/lib/domain/sync-protocol';
import { createPatch } from '../factories/records';
import {
	createAccount,
	expect,
	logIn,
	seriousViolations,
	signUp,
	squareField,
	test,
	waitForServiceWorker
} from './fixtures';

// Issue 9 from the users' side: an agent makes a group, a farmer joins with the code and shares, the agent's
// dashboard shows it (offline too), and taking sharing back drops it from the agent's phone.

const DAY = 86_400_000;
let seq = 0;

/** Sends records to the server as the farmer's own phone would after working in the field. */
async function pushAsDevice(page: Page, records: [SyncedTable, string, Record<string, unknown>][]) {
	const origin = new URL(page.url()).origin;
	const response = await page.request.post('/api/sync/push', {
		headers: { origin },
		data: {
			schemaVersion: 1,
			ops: records.map(([table, recordId, patch]) => ({
				opId: randomUUID(),
				table,
				recordId,
				// a new record, whole, as the phone sends it
				patch: createPatch(table, patch, { id: recordId, at: Date.now() - DAY }),
				hlc: `${String(Date.now() - 60_000 + ++seq).padStart(15, '0')}-00000-fieldphone`
			}))
		}
	});
	expect(response.status(), await response.text()).toBe(200);
}

/** A small square field around a point, and a 玉米螟 (corn borer) observation in it a day ago. */
function fieldWithBorer(
	n: number,
	lat: number,
	lng: number
): [SyncedTable, string, Record<string, unknown>][] {
	const { boundary, areaM2 } = squareField(lat, lng);
	return [
		[
			'fields',
			`field-${n}`,
			{
				name: `${n}号地`,
				areaM2,
				crop: 'maize',
				boundary
			}
		],
		[
			'logs',
			`obs-${n}`,
			{
				type: 'observation',
				fieldId: `field-${n}`,
				status: 'done',
				at: Date.now() - DAY - n * 60_000,
				notes: '',
				details: { pest: '玉米螟' }
			}
		]
	];
}

async function syncNow(page: Page) {
	await page.goto('/me');
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByRole('button', { name: '立即同步' })).toBeEnabled();
}

test('an agent sees what a member shares, offline too, and loses it when the member stops sharing', async ({
	browser,
	server
}) => {
	await createAccount(server, 'agent_li', 'agent');
	const agentContext = await browser.newContext({ baseURL: server.url });
	const agent = await agentContext.newPage();
	await agent.goto('/');
	await waitForServiceWorker(agent);
	await logIn(agent, 'agent_li');

	await agent.goto('/agent');
	await agent.getByRole('button', { name: '建小组' }).click();
	await expect(agent.getByRole('alert')).toHaveText('请给小组起个名字，1 到 40 个字。');
	await agent.getByLabel('小组名称（合作社或村）').fill('红星村合作社');
	await agent.getByRole('button', { name: '建小组' }).click();
	await expect(agent.getByRole('heading', { name: '红星村合作社' })).toBeVisible();
	const code = (await agent.getByTestId('invite-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	await expect(agent.getByRole('img', { name: `加入小组的二维码，邀请码 ${code}` })).toBeVisible();
	expect(await seriousViolations(agent), 'agent desk').toEqual([]);

	// the farmer: a wrong code is explained; the QR's link fills the code in
	const farmerContext = await browser.newContext({ baseURL: server.url });
	const farmer = await farmerContext.newPage();
	await farmer.goto('/');
	await waitForServiceWorker(farmer);
	await signUp(farmer, 'farmer_wang');
	await farmer.goto('/groups');
	await farmer.getByLabel('邀请码（8 位字母和数字）').fill('abc');
	await farmer.getByRole('button', { name: '加入', exact: true }).click();
	await expect(farmer.getByRole('alert')).toHaveText('邀请码是 8 位字母和数字，比如 ABCD-2345。');
	await farmer.getByLabel('邀请码（8 位字母和数字）').fill('ABCD-2345');
	await farmer.getByRole('button', { name: '加入', exact: true }).click();
	await expect(farmer.getByRole('alert')).toHaveText('没有找到这个邀请码，请找农技员核对。');

	await farmer.goto(`/groups?code=${code}`);
	await expect(farmer.getByLabel('邀请码（8 位字母和数字）')).toHaveValue(code);
	// places can be shared only with the observations they belong to
	await expect(farmer.getByRole('checkbox', { name: /^观察的位置/ })).toBeDisabled();
	await farmer.getByRole('checkbox', { name: /^学习记录/ }).check();
	await farmer.getByRole('checkbox', { name: /^田间观察/ }).check();
	await farmer.getByRole('checkbox', { name: /^观察的位置/ }).check();
	await farmer.getByRole('button', { name: '加入', exact: true }).click();
	await expect(farmer.getByRole('status').filter({ hasText: '已加入' })).toHaveText(
		'已加入“红星村合作社”。'
	);
	const membership = farmer.getByTestId('membership');
	await expect(membership).toContainText('农技员：agent_li，共 1 位成员');
	await expect(membership.getByTestId('sharing-now')).toHaveText(
		'你共享的：学习记录、田间观察、观察的位置'
	);
	expect(await seriousViolations(farmer), 'my groups').toEqual([]);

	// what the farmer's phone has synced: a name, a lesson failed 4 times, corn borer in 3 fields nearby
	await pushAsDevice(farmer, [
		['profile', 'me', { displayName: '王大爷', village: '红星村' }],
		[
			'lessonProgress',
			'soil-testing',
			{
				lessonId: 'soil-testing',
				progress: 0.2,
				completedAt: null,
				history: [false, true, false, false, false],
				attempts: 5
			}
		],
		...fieldWithBorer(1, 45.7, 126.6),
		...fieldWithBorer(2, 45.71, 126.61),
		...fieldWithBorer(3, 45.705, 126.62)
	]);

	// the agent sets a lesson for the group
	await syncNow(agent);
	await agent.goto('/agent');
	await agent.getByRole('link', { name: '看小组情况' }).click();
	await expect(agent.getByRole('heading', { name: '红星村合作社', level: 1 })).toBeVisible();
	await agent.getByRole('combobox', { name: /^课程/ }).selectOption('soil-testing');
	await agent.getByRole('button', { name: '布置给全组' }).click();
	await expect(agent.getByTestId('agent-assignments')).toContainText(
		'“测土配方施肥：先看土，再下肥”'
	);

	const dashboardUrl = agent.url();
	await agentContext.setOffline(true);
	await agent.reload();
	await expect(agent.getByRole('heading', { name: '红星村合作社', level: 1 })).toBeVisible();
	await expect(agent.getByText('1 位成员中 1 位共享了内容')).toBeVisible();
	await expect(agent.getByTestId('needs-help')).toHaveText(
		'王大爷：“测土配方施肥：先看土，再下肥”答错 4 次，还没学会'
	);
	await expect(agent.getByTestId('progress-table')).toContainText('王大爷');
	await expect(agent.getByTestId('progress-table')).toContainText('0/4 课');
	await expect(agent.getByTestId('alerts')).toContainText('玉米螟：');
	await expect(agent.getByTestId('alerts')).toContainText('3 块地都报告了');
	await expect(agent.getByTestId('observation-list').getByRole('listitem')).toHaveCount(3);
	// the map draws a dot for each of them
	await expect(agent.locator('.leaflet-interactive')).toHaveCount(3);
	await expect(agent.getByTestId('assessment-taken')).toHaveText('1 位成员中 0 位做了评估');
	expect(await seriousViolations(agent), 'dashboard').toEqual([]);

	// the weekly report, offline, with its CSV
	await agent.getByRole('link', { name: '每周报告' }).click();
	const row = agent.getByTestId('report-table').getByRole('row', { name: /王大爷/ });
	await expect(row.getByRole('cell')).toHaveText(['0', '0', '0', '1', '3', '0 / 0 / 0', '玉米螟']);
	expect(await seriousViolations(agent), 'weekly report').toEqual([]);
	const download = agent.waitForEvent('download');
	await agent.getByRole('button', { name: '下载表格（CSV）' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^heitu-红星村合作社-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = await (await file.createReadStream()).toArray();
	const text = Buffer.concat(csv).toString('utf8');
	expect(text).toContain('王大爷,红星村,0,0,0,1,3,0,0,0,玉米螟');
	await agentContext.setOffline(false);

	// the farmer sees the lesson on the home screen after the next sync
	await syncNow(farmer);
	await farmer.goto('/');
	await expect(farmer.getByRole('heading', { name: '农技员布置的学习' })).toBeVisible();
	await expect(farmer.getByTestId('assignments')).toContainText('测土配方施肥：先看土，再下肥');

	// the farmer takes everything back; at the agent's next sync it is gone from the agent's phone
	await farmer.goto('/groups');
	await membership.getByRole('button', { name: '改共享内容' }).click();
	await membership.getByRole('checkbox', { name: /^学习记录/ }).uncheck();
	await membership.getByRole('checkbox', { name: /^田间观察/ }).uncheck();
	// places go with the observations
	await expect(membership.getByRole('checkbox', { name: /^观察的位置/ })).not.toBeChecked();
	await membership.getByRole('button', { name: '保存', exact: true }).click();
	await expect(membership.getByTestId('sharing-now')).toHaveText('你共享的：什么都不共享');

	await syncNow(agent);
	await agent.goto(dashboardUrl);
	await expect(agent.getByText('1 位成员中 0 位共享了内容')).toBeVisible();
	await expect(agent.getByText('现在没有人需要帮助。')).toBeVisible();
	await expect(agent.getByText('现在没有预警。')).toBeVisible();
	const kept = await agent.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('heitu');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const rows = await new Promise<unknown[]>((resolve) => {
			const request = db.transaction('groupViews').objectStore('groupViews').getAll();
			request.onsuccess = () => resolve(request.result as unknown[]);
		});
		db.close();
		return JSON.stringify(rows);
	});
	expect(kept).toContain('红星村合作社');
	expect(kept).not.toContain('王大爷');
	expect(kept).not.toContain('玉米螟');

	// leaving: the member is gone from the group
	await farmer.getByRole('button', { name: '退出小组' }).click();
	await farmer.getByRole('button', { name: '确定退出' }).click();
	await expect(farmer.getByTestId('membership')).toHaveCount(0);
	await syncNow(agent);
	await agent.goto(dashboardUrl);
	await expect(agent.getByText('0 位成员中 0 位共享了内容')).toBeVisible();
	await agentContext.close();
	await farmerContext.close();
});

test('an admin makes a farmer an agent and sees groups only as counts', async ({
	browser,
	server
}) => {
	await createAccount(server, 'root_admin', 'admin');
	const farmerContext = await browser.newContext({ baseURL: server.url });
	const farmer = await farmerContext.newPage();
	await farmer.goto('/');
	await signUp(farmer, 'farmer_li');
	await farmer.goto('/agent');
	await expect(
		farmer.getByText('这里是农技员用的。需要的话请管理员把你设为农技员。')
	).toBeVisible();

	const adminContext = await browser.newContext({ baseURL: server.url });
	const admin = await adminContext.newPage();
	await admin.goto('/');
	await logIn(admin, 'root_admin');
	await admin.goto('/admin');
	// other tests of this file share the server: count from what is there now
	const users = admin.getByTestId('admin-users');
	await expect(users).toHaveText(/^农户 \d+ 人，农技员 \d+ 人，管理员 \d+ 人$/);
	const [farmers, agents, admins] = ((await users.textContent()) ?? '').match(/\d+/g)!.map(Number);
	await admin.getByLabel('手机号或用户名').fill('nobody_here');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('alert')).toHaveText('没有这个账号，请核对手机号或用户名。');
	await admin.getByLabel('手机号或用户名').fill('farmer_li');
	await admin.getByRole('combobox', { name: /^角色/ }).selectOption('agent');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status').filter({ hasText: '已更新' })).toHaveText(
		'已更新 farmer_li 的角色。'
	);
	await expect(users).toHaveText(
		`农户 ${farmers! - 1} 人，农技员 ${agents! + 1} 人，管理员 ${admins} 人`
	);

	// the new agent needs no new sign-in: the next sync brings the role
	await syncNow(farmer);
	await farmer.goto('/agent');
	await farmer.getByLabel('小组名称（合作社或村）').fill('东风村');
	await farmer.getByRole('button', { name: '建小组' }).click();
	await expect(farmer.getByRole('heading', { name: '东风村' })).toBeVisible();

	await syncNow(admin);
	await admin.goto('/admin');
	const group = admin.getByTestId('admin-group').filter({ hasText: '东风村' });
	await expect(group).toContainText('农技员：farmer_li；成员 0 人，其中 0 人共享学习记录');
	await expect(group).toContainText('平均分只算注册满 30 天的成员（现在有 0 位），满 5 位才显示');
	expect(await seriousViolations(admin), 'admin').toEqual([]);
	await adminContext.close();
	await farmerContext.close();
});
