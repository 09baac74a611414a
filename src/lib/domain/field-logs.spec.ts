import { describe, expect, it } from 'vitest';
import {
	cleanDetails,
	formatQuantity,
	LOG_TYPES,
	LOG_FORMS,
	validateLog,
	type LogDraft
} from './field-logs';

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
		expect(
			validateLog(
				draft({ type: 'harvest', details: { quantity: { value: Number.NaN, unit: 'kg' } } }),
				NOW
			)
		).toEqual({ quantity: 'required' });
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
