/**
 * `npx tsx bench/ocr-browser.ts [image …]`: the label engine in Chromium, as the app's screen will run it.
 * A loopback server serves, from this origin only and under a strict Content-Security-Policy
 * (`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'`), the files
 * browserWorkerOptions('/ocr') expects: /ocr/worker.min.js, /ocr/core/tesseract-core-*-lstm.wasm.js and
 * /ocr/lang/chi_sim.traineddata.gz, taken from node_modules. The page decodes each fixture photo with
 * createImageBitmap, reads its ImageData from a canvas and calls recognizeLabel with a reused worker. Prints
 * the fields, the seconds per image and every request; exits 1 on a page error, a request outside /ocr, the
 * page and the photos, or a field that differs from the photo's JSON. (tesseract's "Warning: Parameter not
 * found" lines on the console come from legacy settings inside the chi_sim data and are ignored.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/chromium';
import type { BrowserScan } from './ocr-browser/page';
import { sameValue } from './ocr-score';

const FIXTURES =
	process.env.OCR_BENCH_DIR ??
	join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'labels');
/** CPU slowdown (Chromium's DevTools throttling), e.g. 4 for a cheap phone. */
const CPU_RATE = Number(process.env.OCR_BROWSER_CPU ?? 1);
const images = process.argv.slice(2).length
	? process.argv[2] === 'all'
		? readdirSync(FIXTURES)
				.filter((f) => /\.(jpe?g|png)$/i.test(f))
				.sort()
		: process.argv.slice(2)
	: ['fert-01-1.jpg', 'pest-03-2.jpg'];
const CSP =
	"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";

const bundle = await build({
	entryPoints: [join(import.meta.dirname, 'ocr-browser', 'page.ts')],
	bundle: true,
	format: 'esm',
	platform: 'browser',
	write: false
});
const PACK_DIR = join(import.meta.dirname, '..', 'static', 'ocr');

function route(url: string): { type: string; body: string | Buffer } | null {
	if (url === '/')
		return {
			type: 'text/html',
			body: '<!doctype html><script type="module" src="/page.js"></script>'
		};
	if (url === '/page.js') return { type: 'text/javascript', body: bundle.outputFiles[0]!.text };
	let m = /^\/ocr\/([\w./-]+)$/.exec(url);
	if (m && !m[1]!.includes('..')) {
		const file = join(PACK_DIR, m[1]!);
		if (!existsSync(file)) return null;
		const type = file.endsWith('.wasm')
			? 'application/wasm'
			: file.endsWith('.js')
				? 'text/javascript'
				: file.endsWith('.json')
					? 'application/json'
					: 'application/octet-stream';
		return { type, body: readFileSync(file) };
	}
	m = /^\/labels\/([\w-]+\.(?:jpg|png))$/.exec(url);
	if (m) return { type: 'image/jpeg', body: readFileSync(join(FIXTURES, m[1]!)) };
	return null;
}

const requests: string[] = [];
const server = createServer((request, response) => {
	const url = request.url ?? '';
	const found = route(url);
	requests.push(`${url} ${found ? 200 : 404}`);
	if (!found) {
		response.writeHead(404);
		response.end();
		return;
	}
	response.writeHead(200, { 'content-type': found.type, 'content-security-policy': CSP });
	response.end(found.body);
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };

const problems: string[] = [];
const workerThrottled: string[] = [];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage();
	page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
	page.on('console', (message) => {
		if (
			message.type() === 'error' &&
			!/favicon|Failed to load resource|^Warning: Parameter not found/.test(message.text())
		)
			problems.push(`console: ${message.text()}`);
	});
	await page.goto(`http://127.0.0.1:${port}/`);
	await page.waitForFunction(() => 'scanLabels' in window);
	if (CPU_RATE > 1) {
		// the page and, through auto-attach, the tesseract worker it starts: both run slowed
		const cdp = await page.context().newCDPSession(page);
		let id = 1000;
		cdp.on(
			'Target.attachedToTarget',
			(event: { sessionId: string; targetInfo: { type: string } }) => {
				for (const method of ['Emulation.setCPUThrottlingRate', 'Runtime.runIfWaitingForDebugger'])
					void cdp.send('Target.sendMessageToTarget', {
						sessionId: event.sessionId,
						message: JSON.stringify({ id: id++, method, params: { rate: CPU_RATE } })
					});
			}
		);
		cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
			const reply = JSON.parse(event.message) as { error?: { message: string } };
			if (reply.error) problems.push(`throttling the worker: ${reply.error.message}`);
		});
		await cdp.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: true,
			flatten: false
		});
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
	}
	const result = await page.evaluate(
		(list) =>
			(window as unknown as { scanLabels: (images: string[]) => Promise<BrowserScan> }).scanLabels(
				list
			),
		images
	);
	console.log(
		`worker ready in ${result.workerSeconds.toFixed(2)} s${CPU_RATE > 1 ? ` (CPU slowed ${CPU_RATE}×)` : ''}`
	);
	if (CPU_RATE > 1) console.log(`slowed as well: ${workerThrottled.join(', ') || 'no worker'}`);
	const seconds = result.scans.map((s) => s.seconds).sort((a, b) => a - b);
	let right = 0;
	let total = 0;
	for (const scan of result.scans) {
		const expected = JSON.parse(
			readFileSync(join(FIXTURES, scan.image.replace(/\.\w+$/, '.json')), 'utf8')
		) as Record<string, unknown>;
		const wrong = Object.entries(expected).filter(
			([key, want]) => !sameValue(want, scan.values[key])
		);
		console.log(
			`${scan.image}: ${scan.seconds.toFixed(2)} s, ${Object.keys(expected).length - wrong.length}/${Object.keys(expected).length} fields right`
		);
		right += Object.keys(expected).length - wrong.length;
		total += Object.keys(expected).length;
		for (const [key, want] of wrong)
			problems.push(
				`${scan.image} ${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(scan.values[key])}`
			);
	}
	console.log(
		`median ${seconds[Math.floor((seconds.length - 1) / 2)]!.toFixed(2)} s per photo, ${right}/${total} fields right (null fields included)`
	);
} finally {
	await browser.close();
	server.close();
}
console.log(`requests: ${requests.join(', ')}`);
const stray = requests.filter(
	(r) => !/^\/(|page\.js|ocr\/\S+|labels\/\S+|favicon\.ico) \d+$/.test(r)
);
if (stray.length) problems.push(`requests outside the expected paths: ${stray.join(', ')}`);
for (const problem of problems) console.log(`PROBLEM ${problem}`);
process.exitCode = problems.length ? 1 : 0;
