import { describe, expect, it } from 'vitest';
import { CROPS } from './fertilizer';
import { HEILONGJIANG_SEASON, seasonDays } from './fertilizer-season';

/** An instant given as Heilongjiang wall-clock time (UTC+8). */
const local = (iso: string) => Date.parse(`${iso}+08:00`);

describe('the plan’s default dates follow Heilongjiang’s season', () => {
	it('in a December, plans next year’s maize: basal at sowing in early May, urea at seven leaves in June', () => {
		expect(seasonDays('maize', local('2026-12-15T10:00:00'))).toEqual({
			basal: '2027-05-05',
			topdress: '2027-06-19'
		});
	});

	it('before sowing, this year’s season', () => {
		expect(seasonDays('maize', local('2027-03-01T10:00:00'))).toEqual({
			basal: '2027-05-05',
			topdress: '2027-06-19'
		});
		expect(seasonDays('maize', local('2027-05-05T23:00:00')).basal).toBe('2027-05-05');
	});

	it('while the sowing window is still open, from today', () => {
		expect(seasonDays('maize', local('2027-05-12T10:00:00'))).toEqual({
			basal: '2027-05-12',
			topdress: '2027-06-26'
		});
		expect(seasonDays('maize', local('2027-05-20T10:00:00')).basal).toBe('2027-05-20');
	});

	it('once the window has closed, next year’s', () => {
		expect(seasonDays('maize', local('2027-05-21T08:00:00')).basal).toBe('2028-05-05');
		expect(seasonDays('maize', local('2027-07-01T08:00:00')).basal).toBe('2028-05-05');
	});

	it('counts the day in Heilongjiang, not UTC: 1 January at 1 a.m. is already the new year', () => {
		// still 31 December 2026 in UTC
		expect(seasonDays('springWheat', local('2027-01-01T01:00:00'))).toEqual({
			basal: '2027-04-10',
			topdress: '2027-05-10'
		});
	});

	it('has a season for every crop, rice transplanted by 25 May', () => {
		for (const crop of CROPS) {
			const s = HEILONGJIANG_SEASON[crop];
			expect(s.sowing <= s.sowingUntil).toBe(true);
			expect(s.topdressAfterDays).toBeGreaterThan(0);
		}
		expect(HEILONGJIANG_SEASON.rice.sowingUntil).toBe('05-25');
		expect(seasonDays('rice', local('2026-11-01T09:00:00'))).toEqual({
			basal: '2027-05-15',
			topdress: '2027-06-29'
		});
	});
});
