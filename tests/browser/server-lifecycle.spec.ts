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
