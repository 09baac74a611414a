import { expect, test, waitForServiceWorker } from './fixtures';
import { startServer, type RunningServer } from './server';

// These tests stop their own server: the app must then run from the service worker and IndexedDB alone.
let server: RunningServer;
test.beforeEach(async () => {
	server = await startServer();
});
test.afterEach(async () => {
	await server.dispose();
});

test('after one visit the whole app works with no network at all', async ({ page, context }) => {
	await page.goto(server.url + '/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await waitForServiceWorker(page);

	await server.stop();
	await context.setOffline(true);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await expect(page.getByTestId('connection')).toHaveText('离线');

	// a deep link never opened before
	await page.goto(server.url + '/fields/0193f0c2-7a1b-7000-8000-000000000001');
	await expect(page.getByRole('heading', { name: '找不到这个地块' })).toBeVisible();

	// text size changes apply and are kept
	await page.goto(server.url + '/settings');
	await page.getByRole('button', { name: '文字变大' }).click();
	await expect(page.getByTestId('text-size')).toHaveText('20 像素');
	await expect(page.locator('html')).toHaveCSS('font-size', '20px');

	// switching language reloads the page, which the service worker serves
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('text-size')).toHaveText('20 px');

	await page.getByRole('navigation').getByRole('link', { name: 'Fields' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fields');
	await page.reload();
	await expect(page.getByText('No fields yet')).toBeVisible();
	await expect(page.getByTestId('connection')).toHaveText('Offline');
	await expect(page.locator('html')).toHaveCSS('font-size', '20px');
});

test('when the phone has signal but the server does not answer, the header says so', async ({
	page
}) => {
	await page.goto(server.url + '/');
	await waitForServiceWorker(page);
	await expect(page.getByTestId('connection')).toHaveText('在线');

	await server.stop();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('你好！今天做点什么？');
	await expect(page.getByTestId('connection')).toHaveText('离线：连不上服务器');
});
