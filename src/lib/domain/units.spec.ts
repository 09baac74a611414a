import { describe, expect, it } from 'vitest';
import {
	addMonths,
	formatArea,
	formatDay,
	formatMonth,
	groupByDay,
	isMonth,
	localDay,
	localMonth,
	monthRange,
	formatBytes,
	formatDate,
	formatMass,
	hectaresToMu,
	jinToKg,
	kgToJin,
	muToHectares,
	squareMetresToMu
} from './units';

describe('area', () => {
	it('counts 15 亩 to a hectare', () => {
		expect(hectaresToMu(1)).toBe(15);
		expect(muToHectares(15)).toBe(1);
		expect(squareMetresToMu(10000)).toBeCloseTo(15, 10);
		expect(squareMetresToMu(666.67)).toBeCloseTo(1, 4);
	});

	it('shows 亩 first, then hectares, in both languages', () => {
		expect(formatArea(20000, 'zh-CN')).toBe('30 亩（2 公顷）');
		expect(formatArea(20000, 'en')).toBe('30 mu (2 ha)');
		expect(formatArea(1000, 'zh-CN')).toBe('1.5 亩（0.1 公顷）');
	});
});

describe('mass', () => {
	it('counts two 斤 to a 公斤', () => {
		expect(kgToJin(600)).toBe(1200);
		expect(jinToKg(1)).toBe(0.5);
	});

	it('shows 斤 and 公斤', () => {
		expect(formatMass(600, 'zh-CN')).toBe('1,200 斤（600 公斤）');
		expect(formatMass(0.25, 'en')).toBe('0.5 jin (0.3 kg)');
	});
});

describe('dates', () => {
	// 2026-03-31T17:30Z is already 1 April in Heilongjiang (UTC+8).
	const lateEvening = Date.UTC(2026, 2, 31, 17, 30);

	it('uses Asia/Shanghai whatever the device zone is', () => {
		expect(formatDate(lateEvening, 'zh-CN')).toBe('2026年4月1日');
		expect(formatDate(lateEvening, 'en')).toBe('April 1, 2026');
	});

	it('adds a 24-hour time on request', () => {
		expect(formatDate(lateEvening, 'zh-CN', true)).toContain('01:30');
	});
});

describe('days and months in Heilongjiang', () => {
	// 2026-04-30T16:00Z is midnight starting 1 May in Heilongjiang (UTC+8)
	const mayFirst = Date.UTC(2026, 3, 30, 16, 0);

	it('puts an instant on its Heilongjiang day and month', () => {
		expect(localDay(mayFirst)).toBe('2026-05-01');
		expect(localDay(mayFirst - 1)).toBe('2026-04-30');
		expect(localMonth(mayFirst)).toBe('2026-05');
		expect(localMonth(mayFirst - 1)).toBe('2026-04');
	});

	it('moves by months across the year end', () => {
		expect(addMonths('2026-05', 1)).toBe('2026-06');
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-05', -17)).toBe('2024-12');
		expect(addMonths('2026-05', 0)).toBe('2026-05');
	});

	it('gives the first and last millisecond of a month, Heilongjiang midnight to midnight', () => {
		expect(monthRange('2026-05')).toEqual({
			from: mayFirst,
			to: Date.UTC(2026, 4, 31, 16, 0) - 1
		});
		// February of a leap year ends on the 29th
		expect(localDay(monthRange('2028-02').to)).toBe('2028-02-29');
		expect(localDay(monthRange('2026-12').to)).toBe('2026-12-31');
	});

	it('accepts only YYYY-MM as a month', () => {
		expect(isMonth('2026-05')).toBe(true);
		for (const bad of ['2026-13', '2026-00', '2026-5', '26-05', '', null, undefined, '2026-05-01'])
			expect(isMonth(bad), String(bad)).toBe(false);
	});

	it('writes month and day headings in both languages', () => {
		expect(formatMonth('2026-05', 'zh-CN')).toBe('2026年5月');
		expect(formatMonth('2026-05', 'en')).toBe('May 2026');
		expect(formatDay('2026-05-01', 'zh-CN')).toBe('5月1日星期五');
		expect(formatDay('2026-05-01', 'en')).toBe('Friday, May 1');
	});

	it('groups by Heilongjiang day, in the order given', () => {
		const items = [
			{ id: 'a', at: mayFirst - 1 },
			{ id: 'b', at: mayFirst },
			{ id: 'c', at: mayFirst + 23 * 3_600_000 },
			{ id: 'd', at: mayFirst + 24 * 3_600_000 }
		];
		expect(groupByDay(items).map((g) => [g.day, g.items.map((i) => i.id)])).toEqual([
			['2026-04-30', ['a']],
			['2026-05-01', ['b', 'c']],
			['2026-05-02', ['d']]
		]);
		expect(groupByDay([])).toEqual([]);
	});
});

describe('bytes', () => {
	it('picks a readable unit', () => {
		expect(formatBytes(512, 'en')).toBe('512 B');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(5 * 1024 * 1024, 'zh-CN')).toBe('5 MB');
	});
});
