import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers } from './phone-mask';

describe('a phone number on a page others see', () => {
	it('shows only its first 3 and last 4 digits', () => {
		expect(maskPhoneNumbers('13912340796')).toBe('139****0796');
		expect(maskPhoneNumbers('王丽 13912340796')).toBe('王丽 139****0796');
		expect(maskPhoneNumbers('王丽13912340796')).toBe('王丽139****0796');
	});

	it('is masked however it was written: spaces, dashes, +86, full-width digits', () => {
		expect(maskPhoneNumbers('139 1234 0796')).toBe('139****0796');
		expect(maskPhoneNumbers('139-1234-0796')).toBe('139****0796');
		expect(maskPhoneNumbers('+86 139 1234 0796')).toBe('139****0796');
		expect(maskPhoneNumbers('8613912340796')).toBe('139****0796');
		expect(maskPhoneNumbers('１３９１２３４０７９６')).toBe('139****0796');
	});

	it('leaves names, short numbers and longer digit runs alone', () => {
		expect(maskPhoneNumbers('王丽')).toBe('王丽');
		expect(maskPhoneNumbers('cert_learner')).toBe('cert_learner');
		expect(maskPhoneNumbers('红星村3组')).toBe('红星村3组');
		expect(maskPhoneNumbers('1391234')).toBe('1391234');
		// not a mobile number: 12 digits, or not starting 13–19
		expect(maskPhoneNumbers('139123407961')).toBe('139123407961');
		expect(maskPhoneNumbers('10012340796')).toBe('10012340796');
	});

	it('never leaves the middle four digits of any mobile number in the text', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 8 }),
				fc.integer({ min: 3, max: 9 }),
				fc.stringMatching(/^\d{9}$/),
				fc.constantFrom('', ' ', '-'),
				fc.string({ maxLength: 8 }),
				(before, second, rest, gap, after) => {
					const phone = `1${second}${rest}`;
					const written = `${phone.slice(0, 3)}${gap}${phone.slice(3, 7)}${gap}${phone.slice(7)}`;
					const masked = maskPhoneNumbers(`${before} ${written} ${after}`);
					expect(masked.replace(/\D/g, '')).not.toContain(phone);
					expect(masked).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
				}
			)
		);
	});
});
