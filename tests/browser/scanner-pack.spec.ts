import { expect, test, waitForServiceWorker } from './fixtures';

test('the offline scanner pack downloads with its size and progress, stays for offline use, and can be removed', async ({
	page,
	context
}) => {
	await page.goto('/tools/scan');
	await waitForServiceWorker(page);
	// the pack is not part of the app's install: nothing of it is cached before the user asks
	expect(
		await page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys())
				for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
			return urls.filter((u) => /tesseract|traineddata|worker\.min/.test(u));
		})
	).toEqual([]);
	await expect(page.getByText(/识别要用一个 4\.\d MB 的离线识别包/)).toBeVisible();
	const served: string[] = [];
	page.on('requestfinished', (request) => served.push(new URL(request.url()).pathname));
	// on a slow link (the language data held back a few seconds): the progress shows, and cancel stops it
	const slow = '**/ocr/*/chi_sim.traineddata.gz';
	await context.route(slow, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 4000));
		await route.continue().catch(() => undefined);
	});
	await page.getByRole('button', { name: '下载离线识别包' }).click();
	await expect(page.getByText(/^正在下载：\d/)).toBeVisible();
	await expect(page.getByRole('progressbar')).toBeVisible();
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByRole('button', { name: '下载离线识别包' })).toBeVisible();
	await context.unroute(slow);
	await page.getByRole('button', { name: '下载离线识别包' }).click();
	await expect(page.getByTestId('scan-pack-ready')).toHaveText(
		/^离线识别包已在手机上（4\.\d MB），没有信号也能识别。$/,
		{ timeout: 30_000 }
	);
	// from our own origin, no CDN
	expect(served.filter((p) => p.startsWith('/ocr/')).length).toBeGreaterThanOrEqual(4);

	// offline, in a new visit, the engine, the worker and the language data all come from the phone
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('scan-pack-ready')).toBeVisible();
	const offline = await page.evaluate(async () => {
		const manifest = (await (await fetch('/ocr/pack.json')).json()) as {
			base: string;
			files: { name: string; bytes: number }[];
		};
		return Promise.all(
			manifest.files.map(async (f) => {
				const response = await fetch(manifest.base + f.name);
				// whole: the language data may be stored as the server sent it, unpacked (tesseract.js takes both)
				const whole = (await response.arrayBuffer()).byteLength >= f.bytes;
				return { name: f.name, ok: response.ok, whole };
			})
		);
	});
	expect(offline).toHaveLength(4);
	expect(offline.filter((f) => !f.ok || !f.whole)).toEqual([]);

	// removed with no signal: it cannot come back until there is
	await page.getByRole('button', { name: '删除离线识别包' }).click();
	await expect(page.getByRole('alert')).toHaveText('现在没有网络，下载不了。有信号时再来下载。');
	await context.setOffline(false);
	await page.reload();
	await expect(page.getByRole('button', { name: '下载离线识别包' })).toBeVisible();
});
