import { describe, expect, it } from 'vitest';
import { checkLogin, checkPassword, normalizeLogin } from './account';

describe('logins', () => {
	it('accepts a mobile number however it was typed', () => {
		for (const typed of [
			'13812345678',
			'138 1234 5678',
			'138-1234-5678',
			'+8613812345678',
			'１３８１２３４５６７８'
		]) {
			expect(normalizeLogin(typed)).toBe('13812345678');
			expect(checkLogin(typed)).toBeNull();
		}
	});

	it('maps every way of writing one mobile number to that one login (the lockout counts them as one)', () => {
		for (const typed of [
			'13708127732',
			'+8613708127732',
			'8613708127732',
			'008613708127732',
			'+86 13708127732',
			'+86 137 0812 7732',
			'+86-137-0812-7732',
			'(+86) 137 0812 7732',
			'137 0812 7732',
			'137-0812-7732',
			'137–0812—7732',
			' 13708127732\t',
			'１３７０８１２７７３２',
			'＋８６ １３７ ０８１２ ７７３２',
			'１３７－０８１２－７７３２',
			'137\u30000812\u30007732',
			'+86\u00a0137\u00a00812\u00a07732'
		]) {
			expect(normalizeLogin(typed), typed).toBe('13708127732');
			expect(checkLogin(typed), typed).toBeNull();
		}
	});

	it('keeps a user name one login however its letters were typed', () => {
		expect(normalizeLogin('ＷＡＮＧ＿ＬＩ')).toBe('wang_li');
		expect(normalizeLogin('Wang_Li')).toBe('wang_li');
	});

	it('accepts a user name, case-insensitively', () => {
		expect(normalizeLogin('  Wang_Li ')).toBe('wang_li');
		expect(checkLogin('Wang_Li')).toBeNull();
	});

	it('names the problem with a bad login', () => {
		expect(checkLogin('   ')).toBe('login_empty');
		expect(checkLogin('12345')).toBe('login_invalid');
		expect(checkLogin('王丽')).toBe('login_invalid');
		expect(checkLogin('ab')).toBe('login_invalid');
	});
});

describe('passwords', () => {
	it('needs 8 to 128 characters, counting Chinese characters as one each', () => {
		expect(checkPassword('1234567')).toBe('password_short');
		expect(checkPassword('黑土地种玉米大豆')).toBeNull();
		expect(checkPassword('x'.repeat(129))).toBe('password_long');
	});
});
