import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, IDLE_MS, SyncScheduler } from './sync-scheduler';

function fakeTimers() {
	const timers: { fn: () => void; ms: number }[] = [];
	return {
		timers,
		deps: {
			setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }) - 1,
			clearTimeout: (handle: unknown) => {
				const timer = timers[handle as number];
				if (timer) timer.fn = () => undefined;
			}
		}
	};
}

describe('SyncScheduler', () => {
	it('backs off 5 s, 10 s, 20 s … up to 5 min while runs fail, and resets on success', async () => {
		const { timers, deps } = fakeTimers();
		let succeed = false;
		const scheduler = new SyncScheduler(() => Promise.resolve(succeed), deps);
		const waits: number[] = [];
		for (let i = 0; i < 9; i++) {
			await scheduler.trigger();
			waits.push(timers.at(-1)!.ms);
		}
		expect(waits).toEqual([
			5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000
		]);
		expect(Math.max(...BACKOFF_MS)).toBe(300_000);
		succeed = true;
		await scheduler.trigger();
		expect(timers.at(-1)!.ms).toBe(IDLE_MS);
	});

	it('runs one at a time, and once more when asked during a run', async () => {
		const { deps } = fakeTimers();
		let runs = 0;
		let release: () => void = () => undefined;
		const scheduler = new SyncScheduler(async () => {
			runs++;
			await new Promise<void>((r) => (release = r));
			return true;
		}, deps);
		const first = scheduler.trigger();
		void scheduler.trigger();
		void scheduler.trigger();
		release();
		await new Promise((r) => setTimeout(r, 0));
		release();
		await first;
		expect(runs).toBe(2);
	});

	it('counts a run that throws as a failure and keeps going', async () => {
		const { timers, deps } = fakeTimers();
		const scheduler = new SyncScheduler(() => Promise.reject(new Error('boom')), deps);
		await scheduler.trigger();
		expect(timers.at(-1)!.ms).toBe(5_000);
		scheduler.stop();
		await scheduler.trigger();
		expect(timers).toHaveLength(1);
	});
});
