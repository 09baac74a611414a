/**
 * `npm test`: everything, in order — lint, format, types, unit, build, browser — then a summary.
 * Every step runs even when an earlier one failed (the browser step needs a build and Chromium).
 * Exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { CHROMIUM_PATH } from '../tests/browser/chromium';
import { browserFailures, unitFailures } from './test-failures';

interface StepResult {
	name: string;
	ok: boolean;
	seconds: number;
	note?: string;
}

const results: StepResult[] = [];
const OUT = '.test-output';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
	const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return child.status === 0;
}

function step(name: string, action: () => boolean | { ok: boolean; note?: string }): boolean {
	console.log(`\n━━ ${name} ━━`);
	const started = Date.now();
	let outcome: { ok: boolean; note?: string };
	try {
		const value = action();
		outcome = typeof value === 'boolean' ? { ok: value } : value;
	} catch (error) {
		outcome = { ok: false, note: error instanceof Error ? error.message : String(error) };
	}
	results.push({ name, ...outcome, seconds: (Date.now() - started) / 1000 });
	return outcome.ok;
}

function ensureChromium(): { ok: boolean; note?: string } {
	if (existsSync(CHROMIUM_PATH)) return { ok: true, note: CHROMIUM_PATH };
	if (process.getuid?.() !== 0) {
		const note = `Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package, then run npm test again:\n    sudo apt-get update && sudo apt-get install -y chromium`;
		console.error(note);
		return { ok: false, note: 'missing: sudo apt-get update && sudo apt-get install -y chromium' };
	}
	console.log(`Chromium is missing: installing Debian's chromium package (running as root).`);
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	const ok =
		run('apt-get', ['update', '-qq'], env) &&
		run('apt-get', ['install', '-y', '-qq', 'chromium'], env) &&
		existsSync(CHROMIUM_PATH);
	return { ok, note: ok ? 'installed from Debian' : 'apt-get install chromium failed' };
}

function readJson<T>(file: string): T | null {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	} catch {
		return null;
	}
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const chromium = step('Chromium (Debian)', ensureChromium);
step('messages and types generated', () => run('npm', ['run', '--silent', 'prepare']));
step('lint (eslint)', () => run('npx', ['eslint', '.', '--max-warnings', '0']));
step('format (prettier)', () => run('npx', ['prettier', '--check', '.']));
step('types (svelte-check)', () => run('npm', ['run', '--silent', 'check']));
step('unit tests (vitest)', () => {
	const pg = process.env.TEST_DATABASE_URL
		? 'PostgreSQL and SQLite'
		: 'SQLite only: set TEST_DATABASE_URL to a PostgreSQL database to test it too (.ci/run does)';
	console.log(`database tests: ${pg}`);
	const ok = run('npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${OUT}/unit.json`
	]);
	return { ok, note: process.env.TEST_DATABASE_URL ? 'with PostgreSQL' : 'SQLite only' };
});
const built = step('build (vite)', () => run('npm', ['run', '--silent', 'build']));
step('browser tests (playwright + chromium)', () => {
	if (!built) return { ok: false, note: 'not run: the build failed' };
	if (!chromium) return { ok: false, note: 'not run: Chromium is missing' };
	return run('npx', ['playwright', 'test']);
});

const unit = readJson<{ numPassedTests: number; numFailedTests: number }>(`${OUT}/unit.json`);
const browser = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
	`${OUT}/browser.json`
);
const passed = (unit?.numPassedTests ?? 0) + (browser?.stats.expected ?? 0);
const failed =
	(unit?.numFailedTests ?? 0) + (browser?.stats.unexpected ?? 0) + (browser?.stats.flaky ?? 0);

// CI shows only the end of what this printed: each failure's first lines go here, before the summary
const failures = [
	...unitFailures(readJson(`${OUT}/unit.json`)),
	...browserFailures(readJson(`${OUT}/browser.json`))
];
if (failures.length > 0) {
	console.log('\n━━ failures ━━');
	for (const f of failures.slice(0, 10)) console.log(f);
}

console.log('\n━━ summary ━━');
for (const r of results) {
	const mark = r.ok ? 'ok  ' : 'FAIL';
	console.log(
		`${mark} ${r.name.padEnd(40)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  ${r.note}` : ''}`
	);
}
console.log(
	`unit: ${unit?.numPassedTests ?? 0} passed, ${unit?.numFailedTests ?? 0} failed · browser: ${browser?.stats.expected ?? 0} passed, ${browser?.stats.unexpected ?? 0} failed`
);
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failedSteps} passed, ${failedSteps} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps === 0 && failed === 0 && passed > 0 ? 0 : 1);
