/**
 * `npm run bench` (after the build): every benchmark in turn, each in its own process, then the report
 * (bench/report.ts). A benchmark that misses its target or fails does not stop the others; the run exits 1 at
 * the end if any did.
 */
import { spawnSync } from 'node:child_process';

const BENCHES = ['size', 'lighthouse', 'offline', 'sync', 'load', 'records', 'ocr'];
const failed: string[] = [];
for (const name of BENCHES) {
	console.log(`\n━━ bench:${name} ━━`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
		stdio: 'inherit'
	});
	if (run.status !== 0) failed.push(name);
}
console.log('\n━━ report ━━');
spawnSync(process.execPath, ['--import', 'tsx', 'bench/report.ts'], { stdio: 'inherit' });
if (failed.length) {
	console.log(`Missed or failed: ${failed.join(', ')}`);
	process.exit(1);
}
