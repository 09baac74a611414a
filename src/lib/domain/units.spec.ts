import { describe, expect, it } from 'vitest';
import {
	formatArea,
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

describe('bytes', () => {
	it('picks a readable unit', () => {
		expect(formatBytes(512, 'en')).toBe('512 B');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(5 * 1024 * 1024, 'zh-CN')).toBe('5 MB');
	});
});
