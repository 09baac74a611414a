/**
 * `npm run bench:offline` (part of `npm run bench`; needs `npm run build`): the offline repeat visit. After one
 * visit (the service worker installed and controlling), the phone has no network and the farmer opens the app
 * again: milliseconds from navigation start to a usable page (the layout's `heitu:interactive` mark: the shell
 * on screen and answering taps), and to the first paint. Home, a lesson and the fields list, REPEATS (15) times
 * each, at full speed and with Chromium's CPU slowed 4× (a stand-in for a cheap phone). Median and p90.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';
import { startServer } from '../tests/browser/server';
import { machine, percentile, saveResult } from './results';

const REPEATS = Number(process.env.OFFLINE_REPEATS ?? 15);
const PAGES: [string, string][] = [
	['home', '/'],
	['a lesson', '/learn/soil-testing'],
	['fields', '/fields']
];

async function usableAfter(page: Page, path: string): Promise<{ usable: number; paint: number }> {
	await page.goto(path);
	// no named functions inside: tsx would wrap them in a helper the page does not have
	return page.evaluate(async () => {
		while (!performance.getEntriesByName('heitu:interactive').length)
			await new Promise((r) => setTimeout(r, 5));
		// the paint entry is queued a frame or two after the paint itself
		for (let i = 0; i < 200 && !performance.getEntriesByName('first-contentful-paint').length; i++)
			await new Promise((r) => setTimeout(r, 10));
		const paint = performance.getEntriesByName('first-contentful-paint')[0];
		return {
			usable: performance.getEntriesByName('heitu:interactive')[0]!.startTime,
			paint: paint?.startTime ?? Number.NaN
		};
	});
}

const server = await startServer({});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: { page: string; cpu: string; usable: number[]; paint: number[] }[] = [];
try {
	const context = await browser.newContext({ serviceWorkers: 'allow' });
	const page = await context.newPage();
	await page.goto(server.url + '/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((r) =>
				navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
			);
	});
	// the lessons and the map code are precached in the background after the first visit
	await page.waitForLoadState('networkidle');
	for (const [, path] of PAGES) await usableAfter(page, server.url + path);
	await context.setOffline(true);
	const cdp: CDPSession = await context.newCDPSession(page);
	for (const rate of [1, 4]) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		for (const [name, path] of PAGES) {
			const usable: number[] = [];
			const paint: number[] = [];
			for (let i = 0; i < REPEATS; i++) {
				const t = await usableAfter(page, server.url + path);
				usable.push(t.usable);
				paint.push(t.paint);
			}
			rows.push({ page: name, cpu: rate === 1 ? 'full speed' : '4× slower CPU', usable, paint });
		}
	}
} finally {
	await browser.close();
	await server.dispose();
}

console.log(`bench:offline — repeat visit with no network, ${REPEATS} times each, on ${machine()}`);
console.log('| page | CPU | usable, median | usable, p90 | first paint, median |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows)
	console.log(
		`| ${r.page} | ${r.cpu} | ${percentile(r.usable, 50).toFixed(0)} ms | ${percentile(r.usable, 90).toFixed(0)} ms | ${percentile(r.paint, 50).toFixed(0)} ms |`
	);
saveResult({
	name: 'offline',
	rows: rows.map((r) => ({
		what: `Offline repeat visit: ${r.page}, ${r.cpu} — navigation to usable (median, p90)`,
		value: `${percentile(r.usable, 50).toFixed(0)} ms, ${percentile(r.usable, 90).toFixed(0)} ms`
	})),
	details: rows.map((r) => ({
		page: r.page,
		cpu: r.cpu,
		usableMedianMs: percentile(r.usable, 50),
		usableP90Ms: percentile(r.usable, 90),
		firstPaintMedianMs: percentile(r.paint, 50)
	}))
});
