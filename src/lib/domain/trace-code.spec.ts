import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkCharacter,
	formatTraceCode,
	isTraceCode,
	nearbyCodes,
	newTraceCode,
	nextState,
	parseTraceCode,
	TRACE_ALPHABET,
	TRACE_CODE_LENGTH,
	TRACE_RANDOM_LENGTH
} from './trace-code';

const char = fc.constantFrom(...TRACE_ALPHABET);
const data = fc.array(char, { minLength: TRACE_RANDOM_LENGTH, maxLength: TRACE_RANDOM_LENGTH });
const code = data.map((d) => d.join('') + checkCharacter(d.join('')));

describe('trace codes', () => {
	it('has 32 characters without 0, O, 1 or I', () => {
		expect(new Set(TRACE_ALPHABET).size).toBe(32);
		for (const c of '0O1I') expect(TRACE_ALPHABET).not.toContain(c);
	});

	it('makes 10-character codes from the alphabet that pass their own check', () => {
		for (let i = 0; i < 200; i++) {
			const made = newTraceCode();
			expect(made).toHaveLength(TRACE_CODE_LENGTH);
			expect(isTraceCode(made)).toBe(true);
		}
	});

	it('uses the random bytes given: every byte value maps evenly onto the alphabet', () => {
		const made = newTraceCode((b) => b.fill(0));
		expect(made.slice(0, 9)).toBe('222222222');
		expect(newTraceCode((b) => b.fill(31)).slice(0, 9)).toBe('ZZZZZZZZZ');
		expect(newTraceCode((b) => b.fill(32)).slice(0, 9)).toBe('222222222');
	});

	it('shows codes in groups of 4-3-3', () => {
		expect(formatTraceCode('K7QM2XRP4D')).toBe('K7QM-2XR-P4D');
	});

	// the proof: each step of the Damm check is a bijection of the state for a fixed character, so a
	// difference in the state never disappears later; it is enough that every single substitution and every
	// swap of two different neighbours changes the state, from every state the step can start in
	it('proof: every substitution and every neighbour swap changes the state, from every state', () => {
		const values = Array.from({ length: 32 }, (_, i) => i);
		const states = values; // the state is any of 0..31
		for (const v of values) {
			const next = new Set(states.map((p) => nextState(p, v)));
			expect(next.size).toBe(32); // a bijection of the states
		}
		for (const p of states) {
			for (const a of values) {
				for (const b of values) {
					if (a === b) continue;
					expect(nextState(p, a)).not.toBe(nextState(p, b));
					expect(nextState(nextState(p, a), b)).not.toBe(nextState(nextState(p, b), a));
				}
			}
		}
	});

	it('catches every single-character substitution, at every position (random codes)', () => {
		fc.assert(
			fc.property(code, fc.nat(TRACE_CODE_LENGTH - 1), fc.nat(30), (c, at, shift) => {
				const chars = [...c];
				const old = TRACE_ALPHABET.indexOf(chars[at]!);
				chars[at] = TRACE_ALPHABET[(old + 1 + shift) % 32]!;
				expect(isTraceCode(chars.join(''))).toBe(false);
			}),
			{ numRuns: 2000 }
		);
	});

	it('catches every swap of two different neighbours, at every position (random codes)', () => {
		fc.assert(
			fc.property(code, fc.nat(TRACE_CODE_LENGTH - 2), (c, at) => {
				const chars = [...c];
				fc.pre(chars[at] !== chars[at + 1]);
				[chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
				expect(isTraceCode(chars.join(''))).toBe(false);
			}),
			{ numRuns: 2000 }
		);
	});

	it('reads codes as people type them', () => {
		const c = newTraceCode();
		const shown = formatTraceCode(c);
		for (const typed of [
			c,
			shown,
			shown.toLowerCase(),
			` ${shown.replaceAll('-', ' ')} `,
			shown.replaceAll('-', '—')
		])
			expect(parseTraceCode(typed)).toEqual({ ok: true, code: c });
		// full-width letters and digits from a Chinese keyboard
		const fullWidth = [...c].map((x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0)).join('');
		expect(parseTraceCode(fullWidth)).toEqual({ ok: true, code: c });
	});

	it('says which problem a typed code has', () => {
		expect(parseTraceCode('  ')).toEqual({ ok: false, problem: 'empty' });
		expect(parseTraceCode('K7QM-2XR')).toEqual({ ok: false, problem: 'wrong-length', length: 7 });
		const c = newTraceCode((b) => b.fill(3));
		const swapped = c.slice(0, 8) + c[9] + c[8];
		expect(parseTraceCode(c.slice(0, 9) + (c[9] === 'A' ? 'B' : 'A'))).toMatchObject({
			ok: false,
			problem: 'check-failed'
		});
		if (c[8] !== c[9]) expect(parseTraceCode(swapped)).toMatchObject({ problem: 'check-failed' });
	});

	it('names O, 0, I and 1 and repairs them when only one reading fits', () => {
		fc.assert(
			fc.property(code, fc.nat(TRACE_CODE_LENGTH - 1), (c, at) => {
				const chars = [...c];
				const meant = chars[at]!;
				fc.pre('QD'.includes(meant));
				chars[at] = 'O';
				const parsed = parseTraceCode(chars.join(''));
				expect(parsed).toMatchObject({ ok: false, problem: 'not-in-alphabet', chars: ['O'] });
				// Q and D differ, so the check tells them apart: exactly one reading passes
				expect(parsed.ok === false && 'suggestion' in parsed && parsed.suggestion).toBe(c);
			}),
			{ numRuns: 300 }
		);
		expect(parseTraceCode('K7QM-2XR-P4#')).toMatchObject({
			problem: 'not-in-alphabet',
			chars: ['#']
		});
		expect(parseTraceCode('K7QM-2XR-P4#')).not.toHaveProperty('suggestion');
	});

	it('finds the valid codes one slip away, including the one meant', () => {
		fc.assert(
			fc.property(code, fc.nat(TRACE_CODE_LENGTH - 1), fc.nat(30), (c, at, shift) => {
				const chars = [...c];
				chars[at] = TRACE_ALPHABET[(TRACE_ALPHABET.indexOf(chars[at]!) + 1 + shift) % 32]!;
				expect(nearbyCodes(chars.join(''))).toContain(c);
			}),
			{ numRuns: 200 }
		);
	});
});
