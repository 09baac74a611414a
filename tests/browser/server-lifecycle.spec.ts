import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer } from './server';

// The server as `npm start` runs it: no browser needed here.

test('a first start creates the SQLite database under ./data', async () => {
	const cwd = mkdtempSync(join(tmpdir(), 'heitu-first-start-'));
	expect(existsSync(join(cwd, 'data'))).toBe(false);
	const server = await startServer({ env: { SQLITE_PATH: undefined }, cwd });
	try {
		expect(existsSync(join(cwd, 'data', 'heitu.sqlite'))).toBe(true);
	} finally {
		await server.dispose();
		rmSync(cwd, { recursive: true, force: true });
	}
});

test('SIGTERM finishes cleanly: requests stop, the database closes, exit code 0', async ({
	request
}) => {
	const server = await startServer({ env: { LOG_LEVEL: 'info' } });
	try {
		expect((await request.get(server.url + '/api/health')).status()).toBe(200);
		await server.stop();
		expect(server.exitCode()).toBe(0);
		const lines = server
			.output()
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as { level: string; msg: string; [k: string]: unknown });
		expect(lines.map((l) => l.msg)).toEqual(
			expect.arrayContaining(['database ready', 'request', 'shutting down', 'database closed'])
		);
		expect(lines.find((l) => l.msg === 'request')).toMatchObject({
			level: 'info',
			method: 'GET',
			path: '/api/health',
			status: 200
		});
	} finally {
		await server.dispose();
	}
});

test('a DATABASE_URL that is not PostgreSQL stops the start with a clear message', async () => {
	await expect(
		startServer({ env: { DATABASE_URL: 'mysql://user:secret@localhost/heitu' } })
	).rejects.toThrow(/DATABASE_URL must start with postgres:\/\/.*mysql:\/\/user:\*\*\*@localhost/s);
});

test('npm run user:create makes the first admin, who can then log in', async ({ playwright }) => {
	const dir = mkdtempSync(join(tmpdir(), 'heitu-admin-'));
	const sqlitePath = join(dir, 'heitu.sqlite');
	const env = { ...process.env, SQLITE_PATH: sqlitePath, DATABASE_URL: '' };
	const userCreate = (...args: string[]) =>
		spawnSync('npm', ['run', '--silent', 'user:create', '--', ...args], { env, encoding: 'utf8' });
	const made = userCreate(
		'--login',
		'Chief_Agent',
		'--password',
		'admin-pass-2026',
		'--role',
		'admin'
	);
	expect(made.status, made.stderr).toBe(0);
	expect(JSON.parse(made.stdout)).toMatchObject({
		created: { login: 'chief_agent', role: 'admin' }
	});

	const again = userCreate('--login', 'chief_agent', '--password', 'admin-pass-2026');
	expect(again.status).toBe(2);
	expect(again.stderr).toContain('already exists');

	const server = await startServer({ env: { SQLITE_PATH: sqlitePath } });
	const api = await playwright.request.newContext({ baseURL: server.url });
	try {
		const login = await api.post('/api/auth/login', {
			data: { login: 'CHIEF_AGENT', password: 'admin-pass-2026' }
		});
		expect(login.status()).toBe(200);
		expect(await login.json()).toMatchObject({ user: { login: 'chief_agent', role: 'admin' } });
	} finally {
		await api.dispose();
		await server.dispose();
		rmSync(dir, { recursive: true, force: true });
	}
});
