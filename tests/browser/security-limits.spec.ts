import type { APIRequestContext } from '@playwright/test';
import { expect, test, withPostgres } from './fixtures';
import { startServer, type RunningServer } from './server';

const PASSWORD = 'heitu-black-soil';

async function post(
	api: APIRequestContext,
	url: string,
	path: string,
	data: Record<string, string>
) {
	const response = await api.post(`${url}${path}`, { data, headers: { origin: url } });
	return { status: response.status(), headers: response.headers(), body: await response.text() };
}

test('a locked login stays locked however the mobile number is written', async ({
	request,
	server
}) => {
	const url = server.url;
	expect(
		(await post(request, url, '/api/auth/signup', { login: '13708127732', password: PASSWORD }))
			.status
	).toBe(201);
	for (let i = 0; i < 5; i++) {
		const answer = await post(request, url, '/api/auth/login', {
			login: '13708127732',
			password: `wrong-password-${i}`
		});
		expect(answer.status).toBe(401);
	}
	for (const spelling of [
		'+8613708127732',
		'8613708127732',
		'+86 137 0812 7732',
		'137 0812 7732',
		'137-0812-7732',
		'１３７０８１２７７３２'
	]) {
		const wrong = await post(request, url, '/api/auth/login', {
			login: spelling,
			password: 'wrong-password-again'
		});
		expect(wrong.status, spelling).toBe(429);
	}
	// not even the right password, written with +86, gets in while the lock lasts
	const right = await post(request, url, '/api/auth/login', {
		login: '+86 13708127732',
		password: PASSWORD
	});
	expect(right.status).toBe(429);
	expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
	expect(JSON.parse(right.body)).toMatchObject({ error: 'too_many_attempts' });
});

/** Two `node build` processes on one database: the SQLite file, or one PostgreSQL database. */
async function twoServers(
	database: 'sqlite' | 'postgres',
	use: (a: RunningServer, b: RunningServer) => Promise<void>
): Promise<void> {
	const run = async (env: Record<string, string>) => {
		const a = await startServer({ env });
		const b = await startServer({ env: { ...a.databaseEnv, ...env } });
		try {
			await use(a, b);
		} finally {
			await b.dispose();
			await a.dispose();
		}
	};
	if (database === 'postgres') await withPostgres((url) => run({ DATABASE_URL: url }), 'limits');
	else await run({});
}

test('two servers on one database count one limit, and a restart keeps the lock', async ({
	request,
	database
}) => {
	test.setTimeout(120_000);
	await twoServers(database, async (a, b) => {
		expect(
			(await post(request, a.url, '/api/auth/signup', { login: 'two_servers', password: PASSWORD }))
				.status
		).toBe(201);
		// five wrong passwords, spread over both servers
		for (const [i, server] of [a, b, a, b, a].entries()) {
			const answer = await post(request, server.url, '/api/auth/login', {
				login: 'two_servers',
				password: `wrong-password-${i}`
			});
			expect(answer.status).toBe(401);
		}
		// the sixth try is refused on either, even with the right password
		for (const server of [b, a]) {
			const answer = await post(request, server.url, '/api/auth/login', {
				login: 'two_servers',
				password: PASSWORD
			});
			expect(answer.status).toBe(429);
			expect(Number(answer.headers['retry-after'])).toBeGreaterThan(800);
		}
		// a restart of both forgets nothing
		await a.stop();
		await b.stop();
		await a.restart();
		await b.restart();
		for (const server of [a, b]) {
			const answer = await post(request, server.url, '/api/auth/login', {
				login: 'two_servers',
				password: PASSWORD
			});
			expect(answer.status).toBe(429);
		}
	});
});

test('many sign-ups from one address are slowed down, and the app says so in plain words', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	// a server of its own: this test uses up its address's sign-ups
	const own = await startServer();
	try {
		expect(
			(
				await post(request, own.url, '/api/auth/signup', {
					login: 'first_farmer',
					password: PASSWORD
				})
			).status
		).toBe(201);
		// someone trying which logins exist: each answer is "taken", until the limit
		let refused: Awaited<ReturnType<typeof post>> | undefined;
		let tries = 1;
		for (; tries <= 200 && !refused; tries++) {
			const answer = await post(request, own.url, '/api/auth/signup', {
				login: 'first_farmer',
				password: PASSWORD
			});
			if (answer.status === 429) refused = answer;
			else expect(answer.status).toBe(409);
		}
		expect(refused, 'sign-ups were never limited').toBeDefined();
		// a training room of farmers sharing one wifi still gets well past thirty
		expect(tries).toBeGreaterThan(40);
		expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(800);
		expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({ error: 'too_many_signups' });

		const context = await browser.newContext({ baseURL: own.url, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto('/me');
		await page.getByRole('button', { name: '没有账户？注册一个' }).click();
		await page.getByLabel('手机号或用户名').fill('new_farmer');
		await page.getByLabel('密码（至少 8 位）').fill(PASSWORD);
		await page.getByRole('button', { name: '注册新账户' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'这个网络上刚注册了很多账户。请过 15 分钟再试。'
		);
		await expect(page.getByTestId('signed-in')).toHaveCount(0);
		await context.close();
	} finally {
		await own.dispose();
	}
});

test('behind a proxy (ADDRESS_HEADER), each caller has its own address limit', async ({
	request
}) => {
	test.setTimeout(120_000);
	const proxied = await startServer({ env: { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' } });
	try {
		const tryFrom = async (caller: string, login: string) => {
			const response = await request.post(`${proxied.url}/api/auth/login`, {
				data: { login, password: 'wrong-password' },
				// the proxy appends the caller to whatever the caller sent
				headers: { origin: proxied.url, 'x-forwarded-for': `10.9.9.9, ${caller}` }
			});
			return response.status();
		};
		for (let i = 0; i < 30; i++) expect(await tryFrom('203.0.113.1', `guess_${i}`)).toBe(401);
		expect(await tryFrom('203.0.113.1', 'guess_more')).toBe(429);
		// another caller through the same proxy is not locked out by it
		expect(await tryFrom('203.0.113.2', 'guess_more')).toBe(401);
	} finally {
		await proxied.dispose();
	}
});
