import { describe, expect, it } from 'vitest';
import {
	controlSize,
	storageIsLow,
	DEFAULT_SETTINGS,
	effectiveTextSize,
	nextTextSize,
	readSettings,
	smallestTextSize,
	stepTextSize,
	TEXT_SIZES
} from './settings';

describe('display settings', () => {
	it('offers main text up to at least 30 px', () => {
		expect(Math.max(...TEXT_SIZES)).toBeGreaterThanOrEqual(30);
	});

	it('falls back to defaults for anything stored that is not a valid setting', () => {
		expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
		expect(readSettings({ textSize: 17, highContrast: 'yes', elderMode: 1 })).toEqual(
			DEFAULT_SETTINGS
		);
		expect(readSettings({ textSize: 24, highContrast: true, elderMode: false })).toEqual({
			textSize: 24,
			highContrast: true,
			elderMode: false
		});
	});

	it('gives elder mode main text of at least 18 px and controls of 60 px', () => {
		const elder = { ...DEFAULT_SETTINGS, textSize: 16 as const, elderMode: true };
		expect(effectiveTextSize(elder)).toBeGreaterThanOrEqual(18);
		expect(controlSize(elder)).toBe(60);
		expect(effectiveTextSize({ ...elder, textSize: 32 })).toBe(32);
		expect(controlSize(DEFAULT_SETTINGS)).toBeGreaterThanOrEqual(44);
	});

	it('steps text size within the offered sizes', () => {
		expect(stepTextSize(18, 1)).toBe(20);
		expect(stepTextSize(16, -1)).toBe(16);
		expect(stepTextSize(32, 1)).toBe(32);
	});
});

describe('low storage', () => {
	it('warns under 50 MB free or over 90 % used, and never without figures', () => {
		const MB = 1024 * 1024;
		expect(storageIsLow(10 * MB, 2000 * MB)).toBe(false);
		expect(storageIsLow(1960 * MB, 2000 * MB)).toBe(true);
		expect(storageIsLow(95 * MB, 100 * MB)).toBe(true);
		expect(storageIsLow(null, 2000 * MB)).toBe(false);
		expect(storageIsLow(10 * MB, null)).toBe(false);
	});

	it('steps from the size the screen shows, never below the elder-mode floor', () => {
		const elder = { ...DEFAULT_SETTINGS, elderMode: true };
		// stored 18, shown 20 in elder mode: A+ shows 24, A− can't go below 20
		expect(effectiveTextSize(elder)).toBe(20);
		expect(nextTextSize(elder, 1)).toBe(24);
		expect(nextTextSize(elder, -1)).toBe(20);
		expect(smallestTextSize(elder)).toBe(20);
		expect(nextTextSize({ ...elder, textSize: 28 }, -1)).toBe(24);
		expect(nextTextSize(DEFAULT_SETTINGS, -1)).toBe(16);
		expect(smallestTextSize(DEFAULT_SETTINGS)).toBe(16);
	});
});
