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
