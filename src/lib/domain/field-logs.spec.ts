import { describe, expect, it } from 'vitest';
import {
	cleanDetails,
	DONE_FUTURE_SLACK_MS,
	formatQuantity,
	isOverdue,
	logDraftOf,
	logFormOf,
	logSummary,
	LOG_TYPES,
	LOG_FORMS,
	validateLog,
	type LogDraft
} from './field-logs';
import { OLD_DEFAULT_THRESHOLDS, surveyDetail } from './seedling-survey';

const NOW = Date.UTC(2026, 4, 10);
const draft = (over: Partial<LogDraft>): LogDraft => ({
	type: 'observation',
	fieldId: null,
	status: 'done',
	at: NOW,
	notes: '',
	point: null,
	details: {},
	...over
});

describe('field operation records', () => {
	it('every kind has a form, and an observation needs nothing but a time', () => {
		for (const type of LOG_TYPES) expect(LOG_FORMS[type]).toBeDefined();
		expect(validateLog(draft({}), NOW)).toEqual({});
	});

	it('asks for what each kind requires', () => {
		expect(validateLog(draft({ type: 'fertilizing' }), NOW)).toEqual({
			product: 'required',
			rate: 'required'
		});
		expect(validateLog(draft({ type: 'spraying' }), NOW)).toEqual({
			product: 'required',
			dose: 'required',
			target: 'required'
		});
		expect(validateLog(draft({ type: 'harvest' }), NOW)).toEqual({ quantity: 'required' });
	});

	it('refuses a quantity that is not a number instead of taking it for an empty box', () => {
		const harvest = (quantity: { value: number; unit: 'kg' }) =>
			validateLog(draft({ type: 'harvest', details: { quantity } }), NOW);
		expect(harvest({ value: Number.NaN, unit: 'kg' })).toEqual({ quantity: 'not-a-number' });
		// not required, still refused: a seed rate of "2o" is not "no seed rate"
		expect(
			validateLog(
				draft({
					type: 'sowing',
					details: { crop: '玉米', seedRate: { value: Number.NaN, unit: 'kgPerMu' } }
				}),
				NOW
			)
		).toEqual({ seedRate: 'not-a-number' });
	});

	it('reads the form’s typed numbers: blank is left out, nonsense stays to be refused', () => {
		const form = (typed: string) => {
			const f = logFormOf({ type: 'sowing', fieldId: '', status: 'done', notes: '' }, '', {
				details: { crop: '玉米' }
			});
			f.details.seedRate = { value: typed, unit: 'kgPerMu' };
			return f;
		};
		const typed = (value: string) => logDraftOf(form(value), NOW).details.seedRate;
		expect(typed('')).toBeUndefined();
		expect(typed('  ')).toBeUndefined();
		expect(typed('2.5')).toEqual({ value: 2.5, unit: 'kgPerMu' });
		expect(typed('１２')).toEqual({ value: 12, unit: 'kgPerMu' });
		expect(typed('1,5')).toEqual({ value: 1.5, unit: 'kgPerMu' });
		for (const nonsense of ['2o', 'abc', '十二']) {
			const read = typed(nonsense);
			expect(read && typeof read === 'object' && 'value' in read && Number.isNaN(read.value)).toBe(
				true
			);
			expect(validateLog(logDraftOf(form(nonsense), NOW), NOW)).toEqual({
				seedRate: 'not-a-number'
			});
		}
	});

	it('refuses done work dated in the future, allows it as planned, with a few minutes for clocks', () => {
		const nextYear = NOW + 300 * 86_400_000;
		expect(validateLog(draft({ type: 'observation', at: nextYear }), NOW)).toEqual({
			at: 'done-in-future'
		});
		expect(validateLog(draft({ status: 'planned', at: nextYear }), NOW)).toEqual({});
		expect(validateLog(draft({ at: NOW + DONE_FUTURE_SLACK_MS }), NOW)).toEqual({});
		expect(validateLog(draft({ at: NOW + DONE_FUTURE_SLACK_MS + 60_000 }), NOW)).toEqual({
			at: 'done-in-future'
		});
		expect(validateLog(draft({ at: NOW - 86_400_000 }), NOW)).toEqual({});
		// 2062 for 2026 stays a wrong date, whether done or planned
		expect(validateLog(draft({ status: 'planned', at: Date.UTC(2062, 0, 1) }), NOW)).toEqual({
			at: 'bad-date'
		});
	});

	it('catches typing mistakes in quantities, units, options and dates', () => {
		const fertilizing = (rate: number, unit = 'kgPerMu') =>
			validateLog(
				draft({
					type: 'fertilizing',
					details: { product: 'input-1', rate: { value: rate, unit: unit as 'kgPerMu' } }
				}),
				NOW
			);
		expect(fertilizing(15)).toEqual({});
		expect(fertilizing(5000)).toEqual({ rate: 'too-large' });
		expect(fertilizing(-1)).toEqual({ rate: 'too-small' });
		expect(fertilizing(0)).toEqual({ rate: 'too-small' });
		expect(fertilizing(15, 'kg')).toEqual({ rate: 'bad-unit' });
		expect(
			validateLog(
				draft({
					type: 'irrigation',
					details: { water: { value: 40, unit: 'm3PerMu' }, method: 'rain' }
				}),
				NOW
			)
		).toEqual({ method: 'not-an-option' });
		expect(validateLog(draft({ at: Date.UTC(2062, 0, 1) }), NOW)).toEqual({ at: 'bad-date' });
		expect(validateLog(draft({ point: { lat: 95, lng: 0 } }), NOW)).toEqual({ point: 'bad-point' });
	});

	it('compares 斤 with limits in kg', () => {
		const sowing = (value: number, unit: 'kgPerMu' | 'jin') =>
			validateLog(
				draft({ type: 'sowing', details: { crop: '大豆', seedRate: { value, unit } } }),
				NOW
			);
		expect(sowing(300, 'jin')).toEqual({}); // 150 kg
		expect(sowing(300, 'kgPerMu')).toEqual({ seedRate: 'too-large' });
	});

	it('keeps only this kind’s details, trimmed, without blanks', () => {
		expect(
			cleanDetails('harvest', {
				quantity: { value: 650, unit: 'kg' },
				moisture: { value: Number.NaN, unit: 'percent' },
				lot: '  2026-A ',
				buyer: 'left over from another kind'
			})
		).toEqual({ quantity: { value: 650, unit: 'kg' }, lot: '2026-A' });
		expect(formatQuantity({ value: 12.5, unit: 'kgPerMu' })).toBe('12.5 kg/亩');
	});
});

describe('a record in one line', () => {
	const inputs = new Map([['i1', '尿素']]);
	const fertilizing = {
		type: 'fertilizing',
		details: { product: 'i1', rate: { value: 15, unit: 'kgPerMu' as const }, method: 'band' }
	};

	it('lists details in the form order, the input by name, and the choice only when given words', () => {
		expect(logSummary(fertilizing, inputs)).toBe('尿素 · 15 kg/亩');
		expect(logSummary(fertilizing, inputs, (v) => (v === 'band' ? '条施' : v))).toBe(
			'尿素 · 15 kg/亩 · 条施'
		);
	});

	it('marks an input that is gone, and says nothing for a record without details', () => {
		expect(logSummary(fertilizing, new Map())).toBe('— · 15 kg/亩');
		expect(logSummary({ type: 'observation' }, inputs)).toBe('');
		expect(logSummary({ type: 'no-such-kind', details: { x: 'y' } }, inputs)).toBe('');
	});

	it('names a sale’s batch by its trace code, and keeps an older sale’s batch text as written', () => {
		const sale = (batch: string) => ({
			type: 'sale',
			details: { buyer: '县粮库', quantity: { value: 500, unit: 'kg' as const }, batch }
		});
		const codes = new Map([['b1', 'K7QM-2XR-P4D']]);
		expect(logSummary(sale('b1'), codes)).toBe('县粮库 · 500 kg · K7QM-2XR-P4D');
		expect(logSummary(sale('2025 老仓'), codes)).toBe('县粮库 · 500 kg · 2025 老仓');
	});
});

describe('overdue planned work', () => {
	// 2026-05-09T16:00Z is midnight starting 10 May in Heilongjiang
	const midnight = Date.UTC(2026, 4, 9, 16, 0);
	const now = midnight + 10 * 3_600_000;

	it('is planned work on a day before today, in Heilongjiang', () => {
		expect(isOverdue({ status: 'planned', at: midnight - 1 }, now)).toBe(true);
		expect(isOverdue({ status: 'planned', at: midnight }, now)).toBe(false);
		// earlier today is not overdue yet: the farmer may still do it today
		expect(isOverdue({ status: 'planned', at: now - 3_600_000 }, now)).toBe(false);
		expect(isOverdue({ status: 'planned', at: now + 86_400_000 }, now)).toBe(false);
	});

	it('is never work already done', () => {
		expect(isOverdue({ status: 'done', at: midnight - 86_400_000 }, now)).toBe(false);
	});
});

describe('an observation holding a seedling survey', () => {
	const survey = surveyDetail(
		[4, 4.2, 3.9].map((plantsPerMetre) => ({
			plantsPerMetre,
			rowSpacingCm: 65,
			heightCm: null,
			leaves: null,
			stage: '',
			uniformity: null,
			pests: ''
		})),
		{
			crop: 'maize',
			basis: { kind: 'target', perMu: 4500 },
			expectedHeightCm: null,
			thresholds: OLD_DEFAULT_THRESHOLDS.maize
		}
	)!;

	it('keeps the survey through validation, cleaning, sync (JSON) and an edit in the record form', () => {
		const stored = JSON.parse(JSON.stringify(survey)) as typeof survey;
		expect(validateLog(draft({ details: { survey: stored } }), NOW)).toEqual({});
		expect(cleanDetails('observation', { survey: stored })).toEqual({ survey });
		const form = logFormOf(
			{ type: 'observation', fieldId: 'f1', status: 'done', notes: '' },
			'2026-05-10T08:00',
			{ details: { survey: stored } }
		);
		expect(form.details).toEqual({});
		const again = logDraftOf({ ...form, notes: '东头缺苗' }, NOW);
		expect(cleanDetails(again.type, again.details)).toEqual({ survey });
	});

	it('refuses a broken survey, and drops a survey from other kinds of record', () => {
		const broken = { ...survey, points: survey.points.slice(0, 1) };
		expect(validateLog(draft({ details: { survey: broken } }), NOW)).toEqual({
			survey: 'bad-survey'
		});
		expect(cleanDetails('sowing', { crop: '玉米', survey })).toEqual({ crop: '玉米' });
	});

	it('says what the survey found first in the record’s line, in the words given', () => {
		// 4.03 plants per metre on 65 cm ridges = 4,137 plants/亩, 92 % of 4,500: 一类 by emergence
		const line = (s: typeof survey) => `苗情调查：${s.grade}类苗，密度 ${s.densityPerMu} 株/亩`;
		expect(
			logSummary({ type: 'observation', details: { survey } }, new Map(), undefined, line)
		).toBe('苗情调查：1类苗，密度 4137 株/亩');
		expect(logSummary({ type: 'observation', details: { survey } }, new Map())).toBe('');
	});
});
