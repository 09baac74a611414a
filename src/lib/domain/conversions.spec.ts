import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CONVERSION_GROUPS,
	convertAll,
	convertProblem,
	k2oToK,
	kToK2O,
	p2o5ToP,
	plainAmount,
	pToP2O5,
	type ConversionGroup
} from './conversions';

describe('oxide and element', () => {
	it('uses P = P2O5 × 0.436 and K = K2O × 0.83 (facts.md §1, 360docs.net/doc/1b10528695.html)', () => {
		// a 50 kg bag of DAP 18-46-0 carries 23 kg P2O5 = 10.03 kg P
		expect(p2o5ToP(23)).toBeCloseTo(10.028, 9);
		expect(pToP2O5(10.028)).toBeCloseTo(23, 9);
		// a 50 kg bag of potassium chloride at 60 % K2O carries 30 kg K2O = 24.9 kg K
		expect(k2oToK(30)).toBeCloseTo(24.9, 9);
		expect(kToK2O(24.9)).toBeCloseTo(30, 9);
	});
});

describe('the converter', () => {
	it('gives every unit of a group from any one of them', () => {
		const fromMu = convertAll('area', 15, 'mu');
		expect(fromMu.get('ha')).toBeCloseTo(1, 12);
		expect(fromMu.get('m2')).toBeCloseTo(10_000, 9);
		expect(convertAll('area', 666.7, 'm2').get('mu')).toBeCloseTo(1, 3);
		expect(convertAll('mass', 100, 'kg').get('jin')).toBe(200);
		expect(convertAll('phosphorus', 43.6, 'P').get('P2O5')).toBeCloseTo(100, 9);
		expect(convertAll('potassium', 100, 'K2O').get('K')).toBeCloseTo(83, 9);
	});

	it('refuses nonsense and negative amounts', () => {
		expect(convertProblem(null)).toBe('not-a-number');
		expect(convertProblem(-1)).toBe('out-of-range');
		expect(convertProblem(0)).toBeNull();
		expect(convertProblem(1e12)).toBe('out-of-range');
	});

	it('writes amounts plainly', () => {
		expect(plainAmount(10_000 / 15)).toBe('666.667');
		expect(plainAmount(1 / 15)).toBe('0.066667');
		expect(plainAmount(2.5)).toBe('2.5');
		expect(plainAmount(150_000)).toBe('150000');
		expect(plainAmount(1e-9)).toBe('0');
	});

	it('goes there and back to the same amount, in every group', () => {
		const groups = Object.keys(CONVERSION_GROUPS) as ConversionGroup[];
		fc.assert(
			fc.property(
				fc.constantFrom(...groups),
				fc.double({ min: 0, max: 1e9, noNaN: true }),
				fc.nat(),
				fc.nat(),
				(group, value, i, j) => {
					const units = CONVERSION_GROUPS[group];
					const from = units[i % units.length]!.unit;
					const to = units[j % units.length]!.unit;
					const there = convertAll(group, value, from).get(to)!;
					const back = convertAll(group, there, to).get(from)!;
					expect(back).toBeCloseTo(value, 6);
					expect(there).toBeGreaterThanOrEqual(0);
				}
			)
		);
	});
});
