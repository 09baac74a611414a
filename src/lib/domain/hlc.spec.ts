import { describe, expect, it } from 'vitest';
import { compareHlc, hlcFromString, hlcToString, HybridClock, MAX_DRIFT_MS } from './hlc';

describe('HybridClock', () => {
	it('moves forward even when the wall clock stands still or goes back', () => {
		let now = 1000;
		const clock = new HybridClock('a', () => now);
		const first = clock.tick();
		const second = clock.tick();
		now = 500; // the user set the phone's clock back
		const third = clock.tick();
		expect(compareHlc(first, second)).toBe(-1);
		expect(compareHlc(second, third)).toBe(-1);
		expect(third.wall).toBe(1000);
		expect(third.counter).toBe(2);
	});

	it('orders a local change after a remote one it has seen, even from a clock a day ahead', () => {
		const day = 24 * 60 * 60 * 1000;
		const behind = new HybridClock('a', () => 1_000_000);
		const ahead = new HybridClock('b', () => 1_000_000 + day);
		const remote = ahead.tick();
		behind.receive(remote);
		const local = behind.tick();
		expect(compareHlc(remote, local)).toBe(-1);
	});

	it('refuses a stamp from a clock more than a week ahead', () => {
		const clock = new HybridClock('a', () => 0);
		expect(() => clock.receive({ wall: MAX_DRIFT_MS + 1, counter: 0, node: 'b' })).toThrow(
			/too far ahead/
		);
	});

	it('breaks ties by node id so every replica picks the same winner', () => {
		const a = { wall: 5, counter: 1, node: 'a' };
		const b = { wall: 5, counter: 1, node: 'b' };
		expect(compareHlc(a, b)).toBe(-1);
		expect(compareHlc(b, a)).toBe(1);
		expect(compareHlc(a, { ...a })).toBe(0);
	});
});

describe('stamp strings', () => {
	it('round-trip and sort in the same order as the stamps', () => {
		const stamps = [
			{ wall: 1_700_000_000_000, counter: 0, node: 'z' },
			{ wall: 1_700_000_000_000, counter: 12, node: 'a' },
			{ wall: 1_700_000_000_001, counter: 0, node: 'a' },
			{ wall: 99, counter: 3, node: 'm' }
		];
		for (const s of stamps) expect(hlcFromString(hlcToString(s))).toEqual(s);
		const byString = [...stamps].sort((x, y) => (hlcToString(x) < hlcToString(y) ? -1 : 1));
		const byClock = [...stamps].sort(compareHlc);
		expect(byString).toEqual(byClock);
	});

	it('rejects text that is not a stamp', () => {
		expect(() => hlcFromString('yesterday')).toThrow(/Not a clock stamp/);
	});
});
