import { expect, signUp, test } from './fixtures';

test('after five wrong passwords the login is locked for a while, with a plain message, even for the right password', async ({
	browser,
	page,
	server
}) => {
	await signUp(page, 'lock_farmer', 'heitu-black-soil');

	const other = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
	const phone = await other.newPage();
	await phone.goto('/me');
	await phone.getByLabel('手机号或用户名').fill('lock_farmer');
	for (let i = 0; i < 5; i++) {
		await phone.getByLabel('密码（至少 8 位）').fill(`wrong-password-${i}`);
		await phone.getByRole('button', { name: '登录' }).click();
		await expect(phone.getByRole('alert')).toHaveText('手机号（用户名）或密码不对。');
	}
	await phone.getByLabel('密码（至少 8 位）').fill('heitu-black-soil');
	await phone.getByRole('button', { name: '登录' }).click();
	await expect(phone.getByRole('alert')).toHaveText(
		'密码错了太多次。为了账户安全，请过 15 分钟再试。'
	);
	await expect(phone.getByTestId('signed-in')).toHaveCount(0);

	// the server says how long, in the standard header
	const answer = await phone.request.post('/api/auth/login', {
		data: { login: 'lock_farmer', password: 'heitu-black-soil' },
		headers: { origin: new URL(phone.url()).origin }
	});
	expect(answer.status()).toBe(429);
	expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(800);
	expect(((await answer.json()) as { error: string }).error).toBe('too_many_attempts');
	await other.close();
});

test('pages and the API answer with security headers and a strict content security policy', async ({
	request
}) => {
	// the app shell the service worker keeps for every route, pages and the API
	for (const path of ['/', '/learn', '/tools/fertilizer', '/api/health']) {
		const headers = (await request.get(path)).headers();
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['permissions-policy'], path).toContain('camera=(self)');
	}
	const shellCsp = (await request.get('/')).headers()['content-security-policy'] ?? '';
	expect(shellCsp).toContain("default-src 'self'");
	const csp = (await request.get('/learn')).headers()['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).not.toContain("'unsafe-eval'");
	expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+')?;/);
});

test('a session cookie planted before login is never used: login always issues a new one (session fixation)', async ({
	playwright,
	server
}) => {
	const origin = new URL(server.url).origin;
	const api = await playwright.request.newContext({
		baseURL: server.url,
		extraHTTPHeaders: { origin }
	});
	await api.post('/api/auth/signup', {
		data: { login: 'fixation_farmer', password: 'heitu-black-soil' }
	});
	await api.post('/api/auth/logout');
	// an attacker's page could set this value in the victim's browser
	const planted = 'attacker-chosen-session-value';
	await api.storageState(); // nothing kept from before
	const victim = await playwright.request.newContext({
		baseURL: server.url,
		extraHTTPHeaders: { origin, cookie: `heitu_session=${planted}` }
	});
	expect((await victim.get('/api/auth/me')).status()).toBe(401);
	const login = await victim.post('/api/auth/login', {
		data: { login: 'fixation_farmer', password: 'heitu-black-soil' }
	});
	expect(login.status()).toBe(200);
	const issued = /heitu_session=([^;]+)/.exec(login.headers()['set-cookie'] ?? '')?.[1];
	expect(issued).toBeTruthy();
	expect(issued).not.toBe(planted);
	expect(login.headers()['set-cookie']).toMatch(/HttpOnly/i);
	expect(login.headers()['set-cookie']).toMatch(/SameSite=Lax/i);
	await api.dispose();
	await victim.dispose();
});
