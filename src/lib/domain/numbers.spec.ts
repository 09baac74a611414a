import { describe, expect, it } from 'vitest';
import { isNotANumber, numberOrNaN, parseTyped, readNumber } from './numbers';

describe('numbers as farmers type them', () => {
	it('reads decimal points, decimal commas, full-width digits and spaces', () => {
		expect(readNumber('1.5')).toBe(1.5);
		expect(readNumber('1,5')).toBe(1.5);
		expect(readNumber('１．５')).toBe(1.5);
		expect(readNumber('１２')).toBe(12);
		expect(readNumber(' 12 ')).toBe(12);
		expect(readNumber('１２，５')).toBe(12.5);
		expect(readNumber('.5')).toBe(0.5);
		expect(readNumber('-3')).toBe(-3);
	});

	it('reads digits grouped by thousands as the number written', () => {
		expect(readNumber('10,000')).toBe(10_000);
		// a leading 0 is a decimal comma, never thousands: "0,500" is half, not five hundred
		expect(readNumber('0,500')).toBe(0.5);
		expect(readNumber('9,999,999')).toBe(9_999_999);
		expect(readNumber('１，２３４.５')).toBe(1234.5);
	});

	it('tells a blank box from one that holds something else', () => {
		expect(parseTyped('')).toEqual({ kind: 'blank' });
		expect(parseTyped('   ')).toEqual({ kind: 'blank' });
		expect(parseTyped('12')).toEqual({ kind: 'number', value: 12 });
		for (const typed of ['2o', 'abc', 'twelve', '十二', '1.2.3', '1,234,5', '12kg', '-', '.'])
			expect(parseTyped(typed), typed).toEqual({ kind: 'not-a-number' });
	});

	it('has readNumber, isNotANumber and numberOrNaN agree with parseTyped', () => {
		expect(readNumber('')).toBeNull();
		expect(readNumber('2o')).toBeNull();
		expect(isNotANumber('')).toBe(false);
		expect(isNotANumber('2o')).toBe(true);
		expect(isNotANumber('２０')).toBe(false);
		expect(numberOrNaN('2o')).toBeNaN();
		expect(numberOrNaN('')).toBeNaN();
		expect(numberOrNaN('3')).toBe(3);
	});
});
