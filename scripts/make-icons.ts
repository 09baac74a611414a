/**
 * Renders the PNG icons of the web app manifest from the SVGs in static/icons with Debian's Chromium.
 * Run by hand after changing an SVG: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';

const jobs = [
	{ svg: 'icon.svg', png: 'icon-192.png', size: 192 },
	{ svg: 'icon.svg', png: 'icon-512.png', size: 512 },
	{ svg: 'maskable.svg', png: 'maskable-512.png', size: 512 }
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const job of jobs) {
	const page = await browser.newPage({ viewport: { width: job.size, height: job.size } });
	const svg = readFileSync(`static/icons/${job.svg}`, 'utf8');
	await page.setContent(
		`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${job.size}" height="${job.size}" `)}</body></html>`
	);
	await page.screenshot({ path: `static/icons/${job.png}`, omitBackground: true });
	await page.close();
}
await browser.close();
