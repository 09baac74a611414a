/**
 * `npm run bench:sync` (part of `npm run bench`; needs `npm run build`): sync cost, device to device.
 *
 * 1. 10,000 field logs made on one phone (Chromium, real IndexedDB, the app's own data and sync code) are
 *    pushed to the Heitu server (`node build`, SQLite), then pulled on a second phone of the same account.
 *    The same logs are replicated the CouchDB way in the same run: PouchDB in the page, an express-pouchdb
 *    server (LevelDB on disk) in its own process. Both go through the same metered loopback proxy, which
 *    counts every byte of HTTP each way; requests are counted in the browser.
 *    Target (issue 3): at most half the bytes of CouchDB replication, and less time.
 * 2. Weak link: the proxy adds 300 ms each way and caps each direction at 32 KB/s; a day's work (50 logs,
 *    5 photos compressed on the phone) must sync in under 60 s.
 * Exits 1 when a target is missed. BENCH_LOGS changes the log count.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';
import { freePort, startServer } from '../tests/browser/server';
import { meteredLink, type LinkShape, type MeteredLink } from './sync/link';
import { benchLogs } from './sync/logs';
import { bundleForPage } from './page-bundle';
import { saveResult } from './results';

const LOGS = Number(process.env.BENCH_LOGS ?? 10_000);
const WEAK: LinkShape = { latencyMs: 300, bytesPerSecond: 32 * 1024 };
const WEAK_LIMIT_S = 60;

interface Leg {
	ms: number;
	up: number;
	down: number;
	requests: number;
}

declare const bench: {
	signUp(login: string, password: string): Promise<void>;
	logIn(login: string, password: string): Promise<void>;
	write(count: number, photos?: number, sampleBase64?: string): Promise<number | void>;
	sync(): Promise<{ ok: boolean; pushed: number; pulled: number; problem?: string }>;
	push(): Promise<number>;
	pull(): Promise<number>;
	notes(): Promise<string[]>;
};

/** A phone: its own browser context (own IndexedDB and cookies), a page on the server's origin. */
async function phone(browser: Browser, link: MeteredLink, path: string, script: string) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto(link.url + path);
	await page.addScriptTag({ content: script });
	return page;
}

/** Runs one leg of a sync with the link's counters and the page's request count reset first. */
async function leg(page: Page, link: MeteredLink, run: () => Promise<unknown>): Promise<Leg> {
	let requests = 0;
	const count = () => (requests += 1);
	page.on('request', count);
	link.reset();
	const start = performance.now();
	await run();
	const ms = performance.now() - start;
	page.off('request', count);
	return { ms, ...link.counts(), requests };
}

function expectSame(label: string, got: string[], want: string[]): void {
	if (got.length !== want.length || got.some((note, i) => note !== want[i]))
		throw new Error(`${label}: the second phone does not hold the same ${want.length} logs`);
}

async function startPouchServer(): Promise<{ port: number; stop: () => void; dir: string }> {
	const dir = mkdtempSync(join(tmpdir(), 'heitu-pouch-'));
	const port = await freePort();
	const child: ChildProcess = spawn(
		join('node_modules', '.bin', 'tsx'),
		['bench/sync/pouch-server.ts', String(port), dir],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	await new Promise<void>((resolve, reject) => {
		child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
		child.once('exit', (code) => reject(new Error(`express-pouchdb exited with ${code}`)));
	});
	return { port, dir, stop: () => child.kill('SIGTERM') };
}

if (!existsSync('build/handler.js')) {
	console.error('Run `npm run build` first (npm run bench does).');
	process.exit(2);
}

const expected = benchLogs(LOGS).map((log) => log.notes);
const [heituScript, pouchScript] = await Promise.all([
	bundleForPage('bench/sync/heitu-device.ts'),
	bundleForPage('bench/sync/pouch-device.ts')
]);
const heitu = await startServer();
const pouch = await startPouchServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();
const results: Record<string, Leg> = {};
let weak: Leg | undefined;
let photoBytes = 0;
try {
	// Heitu: push from phone A, pull on phone B
	{
		const link = await meteredLink(heitu.port);
		const a = await phone(browser, link, '/api/health', heituScript);
		const b = await phone(browser, link, '/api/health', heituScript);
		await a.evaluate((l) => bench.signUp(l, 'bench-password-1'), 'bench_heitu');
		await b.evaluate((l) => bench.logIn(l, 'bench-password-1'), 'bench_heitu');
		await a.evaluate((n) => bench.write(n), LOGS);
		results['Heitu push'] = await leg(a, link, async () => {
			const run = await a.evaluate(() => bench.sync());
			if (!run.ok || run.pushed !== LOGS) throw new Error(`Heitu push: ${JSON.stringify(run)}`);
		});
		results['Heitu pull'] = await leg(b, link, async () => {
			const run = await b.evaluate(() => bench.sync());
			if (!run.ok || run.pulled !== LOGS) throw new Error(`Heitu pull: ${JSON.stringify(run)}`);
		});
		expectSame('Heitu', await b.evaluate(() => bench.notes()), expected);
		await link.close();
	}
	// CouchDB protocol: PouchDB replicate.to from phone A, replicate.from on phone B
	{
		const link = await meteredLink(pouch.port);
		const a = await phone(browser, link, '/', pouchScript);
		const b = await phone(browser, link, '/', pouchScript);
		await a.evaluate((n) => bench.write(n), LOGS);
		results['CouchDB push'] = await leg(a, link, async () => {
			const written = await a.evaluate(() => bench.push());
			if (written !== LOGS) throw new Error(`PouchDB push wrote ${written}`);
		});
		results['CouchDB pull'] = await leg(b, link, async () => {
			const written = await b.evaluate(() => bench.pull());
			if (written !== LOGS) throw new Error(`PouchDB pull wrote ${written}`);
		});
		expectSame('PouchDB', await b.evaluate(() => bench.notes()), expected);
		await link.close();
	}
	// Weak link: a day's work from one phone
	{
		const link = await meteredLink(heitu.port, WEAK);
		const a = await phone(browser, link, '/api/health', heituScript);
		await a.evaluate((l) => bench.signUp(l, 'bench-password-1'), 'bench_weak');
		const sample = readFileSync('tests/fixtures/label-photo.jpg').toString('base64');
		photoBytes = Number(await a.evaluate((s) => bench.write(50, 5, s), sample));
		weak = await leg(a, link, async () => {
			const run = await a.evaluate(() => bench.sync());
			if (!run.ok || run.pushed !== 50) throw new Error(`weak link: ${JSON.stringify(run)}`);
		});
		await link.close();
	}
} finally {
	await browser.close();
	await heitu.dispose();
	pouch.stop();
	rmSync(pouch.dir, { recursive: true, force: true });
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const total = (system: string) => {
	const push = results[`${system} push`];
	const pull = results[`${system} pull`];
	if (!push || !pull) throw new Error(`no ${system} results`);
	return {
		ms: push.ms + pull.ms,
		bytes: push.up + push.down + pull.up + pull.down,
		requests: push.requests + pull.requests
	};
};
const ours = total('Heitu');
const couch = total('CouchDB');
console.log(
	`\nSync benchmark: ${LOGS} logs, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${chromiumVersion}\n`
);
console.log('| leg | wall time | bytes up | bytes down | requests |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, r] of Object.entries(results))
	console.log(
		`| ${name} | ${(r.ms / 1000).toFixed(1)} s | ${kb(r.up)} KB | ${kb(r.down)} KB | ${r.requests} |`
	);
const bytesRatio = ours.bytes / couch.bytes;
const timeRatio = ours.ms / couch.ms;
console.log(
	`\nHeitu ÷ CouchDB replication: bytes ${bytesRatio.toFixed(2)} (target ≤ 0.50), time ${timeRatio.toFixed(2)} (target < 1), requests ${(ours.requests / couch.requests).toFixed(2)}`
);
if (weak)
	console.log(
		`Weak link (+${WEAK.latencyMs} ms each way, ${kb(WEAK.bytesPerSecond ?? 0)} KB/s each way): 50 logs + 5 photos (${kb(photoBytes)} KB of photos) synced in ${(weak.ms / 1000).toFixed(1)} s (target < ${WEAK_LIMIT_S} s), ${kb(weak.up)} KB up, ${kb(weak.down)} KB down, ${weak.requests} requests`
	);
saveResult({
	name: 'sync',
	rows: [
		{
			what: `Sync of ${LOGS} logs, Heitu ÷ CouchDB replication (PouchDB ↔ express-pouchdb), same run: bytes`,
			value: `${bytesRatio.toFixed(2)} (${kb(ours.bytes)} KB ÷ ${kb(couch.bytes)} KB)`,
			target: '≤ 0.50',
			ok: bytesRatio <= 0.5
		},
		{
			what: `Sync of ${LOGS} logs, Heitu ÷ CouchDB replication: time`,
			value: `${timeRatio.toFixed(2)} (${(ours.ms / 1000).toFixed(1)} s ÷ ${(couch.ms / 1000).toFixed(1)} s)`,
			target: '< 1',
			ok: timeRatio < 1
		},
		{
			what: `Weak link (+${WEAK.latencyMs} ms each way, ${kb(WEAK.bytesPerSecond ?? 0)} KB/s): 50 logs + 5 photos`,
			value: weak ? `${(weak.ms / 1000).toFixed(1)} s` : 'not run',
			target: `< ${WEAK_LIMIT_S} s`,
			ok: !!weak && weak.ms < WEAK_LIMIT_S * 1000
		}
	],
	details: { logs: LOGS, legs: results, weak, photoBytes, chromium: chromiumVersion }
});
const missed = [
	bytesRatio > 0.5 && 'bytes',
	timeRatio >= 1 && 'time',
	(!weak || weak.ms >= WEAK_LIMIT_S * 1000) && 'weak link'
].filter(Boolean);
if (missed.length) {
	console.log(`Missed: ${missed.join(', ')}`);
	process.exit(1);
}
