import type { Browser, Page } from '@playwright/test';
import { createAccount, expect, logIn, seriousViolations, signUp, test } from './fixtures';
import { startServer, type RunningServer } from './server';

const PASSWORD = 'heitu-black-soil';
const NEW_PASSWORD = 'new-black-soil-2';

/** The Set-Cookie for the session in this answer, or null. */
function sessionCookie(response: Response): string | null {
	return response.headers.getSetCookie().find((c) => c.startsWith('heitu_session=')) ?? null;
}

/**
 * Signs up over plain fetch (no browser cookie rules in the way: the test reads exactly what the server
 * sends) and returns the session token.
 */
async function signUpRaw(
	server: RunningServer,
	origin: string,
	headers: Record<string, string> = {}
): Promise<string> {
	const answer = await fetch(`${server.url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin, ...headers },
		body: JSON.stringify({ login: `cookie_${Date.now()}`, password: PASSWORD })
	});
	expect(answer.status).toBe(201);
	const cookie = sessionCookie(answer);
	expect(cookie).not.toBeNull();
	return /^heitu_session=([^;]+)/.exec(cookie!)![1]!;
}

/** A GET of /api/auth/me with the session, as the app makes on every start: no Origin header. */
async function me(server: RunningServer, token: string, headers: Record<string, string> = {}) {
	const answer = await fetch(`${server.url}/api/auth/me`, {
		headers: { cookie: `heitu_session=${token}`, ...headers }
	});
	expect(answer.status).toBe(200);
	return {
		cookie: sessionCookie(answer) ?? '',
		hsts: answer.headers.get('strict-transport-security')
	};
}

const isSecure = (cookie: string) => /;\s*secure/i.test(cookie);

test.describe('the session cookie and https', () => {
	test('with ORIGIN on https, a GET re-issues the session cookie Secure and the answer sends HSTS', async () => {
		const server = await startServer({ env: { ORIGIN: 'https://heitu.example' } });
		try {
			const token = await signUpRaw(server, 'https://heitu.example');
			const answer = await me(server, token);
			expect(answer.cookie).toContain('heitu_session=');
			expect(isSecure(answer.cookie)).toBe(true);
			expect(answer.hsts).toBe('max-age=31536000');
			expect(server.output()).not.toContain('ORIGIN is not set');
		} finally {
			await server.dispose();
		}
	});

	test('without ORIGIN, over plain http (npm start on a laptop), no Secure and no HSTS, and a warning at start', async () => {
		const server = await startServer({ env: { ORIGIN: undefined } });
		try {
			const token = await signUpRaw(server, server.url);
			const answer = await me(server, token);
			expect(answer.cookie).toContain('heitu_session=');
			expect(isSecure(answer.cookie)).toBe(false);
			expect(answer.hsts).toBeNull();
			// a forwarded-proto header from anyone is not believed unless PROTOCOL_HEADER says so
			const spoofed = await me(server, token, { 'x-forwarded-proto': 'https' });
			expect(isSecure(spoofed.cookie)).toBe(false);
			expect(spoofed.hsts).toBeNull();
			expect(server.output()).toContain('ORIGIN is not set');
		} finally {
			await server.dispose();
		}
	});

	test('behind a trusted proxy (PROTOCOL_HEADER=x-forwarded-proto), the header decides', async () => {
		const server = await startServer({
			env: { ORIGIN: undefined, PROTOCOL_HEADER: 'x-forwarded-proto' }
		});
		try {
			const token = await signUpRaw(server, `https://127.0.0.1:${server.port}`, {
				'x-forwarded-proto': 'https'
			});
			const https = await me(server, token, { 'x-forwarded-proto': 'https' });
			expect(isSecure(https.cookie)).toBe(true);
			expect(https.hsts).toBe('max-age=31536000');
			const http = await me(server, token, { 'x-forwarded-proto': 'http' });
			expect(isSecure(http.cookie)).toBe(false);
			expect(http.hsts).toBeNull();
		} finally {
			await server.dispose();
		}
	});
});

/** Another phone of the same person: its own browser, signed in to the same account. */
async function otherPhone(
	browser: Browser,
	server: RunningServer,
	login: string,
	password = PASSWORD
) {
	const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const phone = await context.newPage();
	await logIn(phone, login, password);
	return { context, phone };
}

/** What the server says of this browser's session now. */
async function meStatus(page: Page): Promise<number> {
	return (await page.request.get('/api/auth/me')).status();
}

async function tryLogIn(page: Page, login: string, password: string): Promise<void> {
	await page.goto('/me');
	await page.getByLabel('手机号或用户名').fill(login);
	await page.getByLabel('密码（至少 8 位）', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('changing the password on 我的: plain words at the box, then the other phone is signed out and the old password is gone', async ({
	browser,
	page,
	server
}) => {
	await signUp(page, 'pw_change', PASSWORD);
	const { context, phone } = await otherPhone(browser, server, 'pw_change');

	await page.goto('/me');
	const current = page.getByLabel('现在的密码');
	const fresh = page.getByLabel('新密码（至少 8 位）');
	const repeat = page.getByLabel('再输一遍新密码');
	const change = page.getByRole('button', { name: '确认改密码' });

	await current.fill(PASSWORD);
	await fresh.fill('short');
	await repeat.fill('short');
	await change.click();
	await expect(fresh).toHaveAccessibleDescription('密码至少要 8 位。');

	await fresh.fill(NEW_PASSWORD);
	await repeat.fill('new-black-soil-3');
	await change.click();
	await expect(repeat).toHaveAccessibleDescription('两次输入的新密码不一样。');

	await current.fill('not-my-password');
	await repeat.fill(NEW_PASSWORD);
	await change.click();
	await expect(current).toHaveAccessibleDescription('现在的密码不对。');
	expect(await seriousViolations(page)).toEqual([]);
	// big enough for a thumb
	for (const target of [
		current,
		fresh,
		repeat,
		change,
		page.getByRole('button', { name: '在所有手机上退出' })
	])
		expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(48);
	// nothing changed yet: the other phone is still signed in
	expect(await meStatus(phone)).toBe(200);

	await current.fill(PASSWORD);
	await change.click();
	await expect(page.getByRole('status').filter({ hasText: '密码改好了' })).toBeVisible();
	await expect(page.getByTestId('signed-in')).toBeVisible();
	expect(await meStatus(page)).toBe(200);

	// the other phone finds out at its next request
	await phone.getByRole('button', { name: '立即同步' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveText(
		'登录已失效，请重新登录。改动仍保存在手机上。'
	);
	expect(await meStatus(phone)).toBe(401);
	await phone.getByRole('button', { name: '退出登录' }).click();
	await expect(phone.getByTestId('signed-in')).toHaveCount(0);
	await tryLogIn(phone, 'pw_change', PASSWORD);
	await expect(phone.getByRole('alert')).toHaveText('手机号（用户名）或密码不对。');
	await tryLogIn(phone, 'pw_change', NEW_PASSWORD);
	await expect(phone.getByTestId('signed-in')).toBeVisible();
	await context.close();
});

test('wrong current passwords count against the login lockout', async ({ page }) => {
	await signUp(page, 'pw_guess', PASSWORD);
	const origin = new URL(page.url()).origin;
	for (let i = 0; i < 5; i++) {
		const answer = await page.request.post('/api/auth/password', {
			headers: { origin },
			data: { currentPassword: `guess-number-${i}`, newPassword: NEW_PASSWORD }
		});
		expect(answer.status()).toBe(401);
		expect(await answer.json()).toMatchObject({
			error: 'wrong_password',
			field: 'currentPassword'
		});
	}
	const locked = await page.request.post('/api/auth/password', {
		headers: { origin },
		data: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }
	});
	expect(locked.status()).toBe(429);
	expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
	// the same lock as signing in
	const login = await page.request.post('/api/auth/login', {
		headers: { origin },
		data: { login: 'pw_guess', password: PASSWORD }
	});
	expect(login.status()).toBe(429);
});

test('在所有手机上退出 asks once more, then signs out this phone and every other one', async ({
	browser,
	page,
	server
}) => {
	await signUp(page, 'out_everywhere', PASSWORD);
	const { context, phone } = await otherPhone(browser, server, 'out_everywhere');

	await page.goto('/me');
	await page.getByRole('button', { name: '在所有手机上退出' }).click();
	await page.getByRole('button', { name: '取消' }).click();
	expect(await meStatus(phone)).toBe(200);
	await expect(page.getByTestId('signed-in')).toBeVisible();

	await page.getByRole('button', { name: '在所有手机上退出' }).click();
	await page.getByRole('button', { name: '确定，全部退出' }).click();
	await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
	await expect(page.getByTestId('signed-in')).toHaveCount(0);
	expect(await meStatus(page)).toBe(401);

	await phone.getByRole('button', { name: '立即同步' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveText(
		'登录已失效，请重新登录。改动仍保存在手机上。'
	);
	expect(await meStatus(phone)).toBe(401);
	// the password itself still works
	await logIn(page, 'out_everywhere', PASSWORD);
	await context.close();
});

test('an admin gives a one-time code; the user sets a new password with it, once only', async ({
	browser,
	page,
	server
}) => {
	await createAccount(server, 'reset_admin', 'admin', PASSWORD);
	await signUp(page, 'reset_farmer', PASSWORD);

	const adminContext = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const admin = await adminContext.newPage();
	await logIn(admin, 'reset_admin');
	await admin.goto('/admin');
	const form = admin.getByRole('region', { name: '重设用户密码' });
	await form.getByLabel('要重设密码的账号').fill('nobody_at_all');
	await form.getByRole('button', { name: '生成一次性码' }).click();
	await expect(form.getByRole('alert')).toHaveText('没有这个账号，请核对手机号或用户名。');
	await form.getByLabel('要重设密码的账号').fill('reset_farmer');
	await form.getByRole('button', { name: '生成一次性码' }).click();
	const shown = form.getByTestId('reset-code');
	await expect(shown).toHaveText(/^\d{4} \d{4}$/);
	const code = (await shown.textContent())!;
	await expect(form).toContainText('reset_farmer');
	expect(await seriousViolations(admin)).toEqual([]);
	// shown once: not after the screen is opened again
	await admin.reload();
	await expect(admin.getByRole('region', { name: '重设用户密码' })).toBeVisible();
	await expect(admin.getByTestId('reset-code')).toHaveCount(0);
	await adminContext.close();

	// the reset ended the farmer's session
	expect(await meStatus(page)).toBe(401);

	const fresh = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const phone = await fresh.newPage();
	await tryLogIn(phone, 'reset_farmer', PASSWORD);
	await expect(phone.getByRole('alert')).toHaveText('手机号（用户名）或密码不对。');

	const useCode = async (typed: string, password: string) => {
		await phone.goto('/me');
		await phone.getByRole('button', { name: '用管理员给的一次性码设新密码' }).click();
		await phone.getByLabel('手机号或用户名').fill('reset_farmer');
		await phone.getByLabel('一次性码（8 位数字）').fill(typed);
		await phone.getByLabel('新密码（至少 8 位）').fill(password);
		await phone.getByLabel('再输一遍新密码').fill(password);
		await phone.getByRole('button', { name: '设新密码并登录' }).click();
	};
	await useCode('1234 5678', NEW_PASSWORD);
	await expect(phone.getByRole('alert')).toHaveText('一次性码不对或已过期。请找管理员重新要一个。');
	await useCode(code, NEW_PASSWORD);
	await expect(phone.getByTestId('signed-in')).toBeVisible();
	expect(await meStatus(phone)).toBe(200);

	await phone.getByRole('button', { name: '退出登录' }).click();
	await expect(phone.getByTestId('signed-in')).toHaveCount(0);
	await useCode(code, 'third-black-soil');
	await expect(phone.getByRole('alert')).toHaveText('一次性码不对或已过期。请找管理员重新要一个。');
	await logIn(phone, 'reset_farmer', NEW_PASSWORD);
	await fresh.close();
});
