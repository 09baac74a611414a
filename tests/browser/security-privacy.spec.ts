import type { APIRequestContext } from '@playwright/test';
import { expect, signUp, test } from './fixtures';
import type { LessonSummary } from '../../src/lib/domain/lessons';
import { createPatch } from '../factories/records';

// Issue 19: a certificate's public page (/verify/<code>) never shows a farmer's phone number, and it is as
// strict about scripts as the trace page.

let seq = 0;
/** Every lesson of the digital-safety track mastered, pushed as the farmer's phone would sync it. */
async function masterSafetyTrack(api: APIRequestContext, origin: string): Promise<void> {
	const index = (await (await api.get('/lessons/index.json')).json()) as LessonSummary[];
	const now = Date.now();
	const ops = index
		.filter((l) => l.track === 'safety')
		.map((l) => ({
			opId: crypto.randomUUID(),
			table: 'lessonProgress',
			recordId: l.id,
			patch: createPatch(
				'lessonProgress',
				{ progress: 1, completedAt: now - 60_000, credits: l.credits, attempts: 4 },
				{ id: l.id, at: now - 120_000 }
			),
			hlc: `${String(now - 60_000 + ++seq).padStart(15, '0')}-00000-privtest`
		}));
	const pushed = await api.post('/api/sync/push', {
		headers: { origin },
		data: { schemaVersion: 1, ops }
	});
	expect(pushed.status()).toBe(200);
}

test('a farmer whose login is a phone number is asked for a name before the certificate, and /verify never shows the number', async ({
	page,
	server
}) => {
	test.setTimeout(90_000);
	await signUp(page, '13912340796');
	await masterSafetyTrack(page.request, server.url);
	// the server refuses a certificate with no name on it, in plain words
	const nameless = await page.request.post('/api/certificates', {
		headers: { origin: server.url },
		data: { track: 'safety' }
	});
	expect(nameless.status()).toBe(409);
	expect(await nameless.json()).toMatchObject({ error: 'name_needed', field: 'displayName' });

	// the phone picks up the mastered lessons, then asks for the name to print
	await page.goto('/me');
	await page.getByRole('button', { name: '立即同步' }).click();
	await page.goto('/learn/record');
	await page.getByRole('button', { name: '领取结业证书' }).click();
	const name = page.getByLabel('证书上写的名字');
	await expect(name).toBeVisible();
	await page.getByRole('button', { name: '用这个名字领证书' }).click();
	await expect(page.getByRole('alert')).toHaveText('请先写上证书上要印的名字（你的姓名）。');
	await name.fill('王丽');
	await page.getByRole('button', { name: '用这个名字领证书' }).click();
	const code = page.getByTestId('certificate-code');
	await expect(code).toContainText(/证书编号：HT-[A-Z0-9]{4}-[A-Z0-9]{4}/);
	// the name is the profile's: the Me screen shows it
	await page.goto('/me');
	await expect(page.getByTestId('profile-shown')).toContainText('王丽');

	await page.goto('/learn/record');
	await page.getByRole('button', { name: '领取结业证书' }).click();
	await page.getByRole('link', { name: '查看和打印证书' }).click();
	await expect(page.getByTestId('certificate')).toContainText(
		'王丽 学完并掌握了黑土田间助手“数字安全”的全部课程'
	);
	expect(await page.content()).not.toContain('13912340796');
});

test('/verify sends a strict CSP, has no inline script or handler, and its print button still prints', async ({
	page,
	server
}) => {
	const api = page.request;
	const signup = await api.post('/api/auth/signup', {
		headers: { origin: server.url },
		data: { login: 'verify_csp', password: 'heitu-black-soil' }
	});
	expect(signup.status()).toBe(201);
	await masterSafetyTrack(api, server.url);
	const profile = await api.post('/api/sync/push', {
		headers: { origin: server.url },
		data: {
			schemaVersion: 1,
			ops: [
				{
					opId: crypto.randomUUID(),
					table: 'profile',
					recordId: 'me',
					patch: createPatch('profile', { displayName: '李强', village: '红星村' }),
					hlc: `${String(Date.now() + ++seq).padStart(15, '0')}-00000-privtest`
				}
			]
		}
	});
	expect(profile.status()).toBe(200);
	const issued = await api.post('/api/certificates', {
		headers: { origin: server.url },
		data: { track: 'safety' }
	});
	expect(issued.status()).toBe(201);
	const { certificate } = (await issued.json()) as { certificate: { code: string } };

	const refused: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
	});
	for (const path of [`/verify/${certificate.code}`, '/verify/HT-AAAA-AAAA']) {
		const response = await page.goto(path);
		const csp = response!.headers()['content-security-policy'] ?? '';
		expect(csp, path).toContain("default-src 'none'");
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("base-uri 'none'");
		expect(csp, path).toContain("form-action 'none'");
		expect(csp, path).toMatch(/script-src 'self'(;|$)/);
		expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		const html = await response!.text();
		expect(html, path).not.toMatch(/\son[a-z]+\s*=/i);
		expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
	}

	await page.goto(`/verify/${certificate.code}`);
	await expect(page.getByTestId('certificate')).toContainText('李强');
	await page.evaluate(() => {
		(window as unknown as { printed: number }).printed = 0;
		window.print = () => void (window as unknown as { printed: number }).printed++;
	});
	await page.getByRole('button', { name: '打印 · Print' }).click();
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
		.toBe(1);
	expect(refused).toEqual([]);
});
