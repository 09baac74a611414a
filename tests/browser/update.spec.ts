import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForServiceWorker } from './fixtures';
import { startServer, type RunningServer } from './server';

// Each test serves a private copy of the build, then changes it the way a new release would.
let server: RunningServer;
test.beforeEach(async () => {
	server = await startServer({ copyBuild: true });
});
test.afterEach(async () => {
	await server.dispose();
});

function serviceWorkerFiles() {
	const client = join(server.buildDir, 'client');
	return readdirSync(client)
		.filter((f) => f.startsWith('service-worker.js'))
		.map((f) => join(client, f));
}

/** A new release: the service worker's bytes change (precompressed copies removed so the change is served). */
function releaseNewServiceWorker(marker: string) {
	for (const file of serviceWorkerFiles()) {
		if (file.endsWith('.js')) appendFileSync(file, `\n// ${marker}\n`);
		else rmSync(file);
	}
}

test('a new version waits until the user presses 更新, then takes over', async ({ page }) => {
	await page.goto(server.url + '/');
	await waitForServiceWorker(page);
	await expect(page.getByRole('button', { name: '更新' })).toHaveCount(0);

	await server.stop();
	releaseNewServiceWorker('release 2');
	await server.restart();

	await page.reload();
	const update = page.getByRole('button', { name: '更新' });
	await expect(update).toBeVisible();
	await expect(page.getByText('有新版本。')).toBeVisible();
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
		true
	);

	await Promise.all([page.waitForEvent('load'), update.click()]);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await expect(page.getByRole('button', { name: '更新' })).toHaveCount(0);
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
		false
	);
});

test('a broken new version never stops the app opening offline', async ({ page, context }) => {
	await page.goto(server.url + '/');
	await waitForServiceWorker(page);

	// the release lists a file the server does not have, so the new worker cannot finish installing
	await server.stop();
	releaseNewServiceWorker('broken release');
	const worker = serviceWorkerFiles().find((f) => f.endsWith('.js')) ?? '';
	const script = readFileSync(worker, 'utf8');
	const broken = script.replace(
		/\/_app\/immutable\/entry\/[^"'`]+/,
		'/_app/immutable/entry/missing.js'
	);
	expect(broken).not.toBe(script);
	writeFileSync(worker, broken);
	await server.restart();

	await page.reload();
	// look for the new version as the browser does on a visit, and follow what happens to it
	const fate = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const found = new Promise<string>((resolve) =>
			registration.addEventListener('updatefound', () => {
				const worker = registration.installing;
				worker?.addEventListener('statechange', () => {
					if (worker.state === 'redundant' || worker.state === 'installed') resolve(worker.state);
				});
			})
		);
		await registration.update().catch(() => undefined);
		return found;
	});
	expect(fate).toBe('redundant');
	await expect(page.getByRole('button', { name: '更新' })).toHaveCount(0);
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
		false
	);

	await server.stop();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await page.goto(server.url + '/records');
	await expect(page.getByText('还没有农事记录')).toBeVisible();
});
