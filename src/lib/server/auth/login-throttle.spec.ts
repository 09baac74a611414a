import { describe, expect, it } from 'vitest';
import {
	LOCK_MS,
	LoginThrottle,
	MAX_ADDRESS_FAILURES,
	MAX_FAILURES,
	WINDOW_MS
} from './login-throttle';

describe('login rate limiting', () => {
	const setup = () => {
		let now = 1_000_000;
		const throttle = new LoginThrottle(() => now);
		return { throttle, advance: (ms: number) => (now += ms) };
	};
	const keys = LoginThrottle.keys('13812345678', '10.0.0.1');

	it('locks a login after five wrong passwords, for fifteen minutes', () => {
		const { throttle, advance } = setup();
		for (let i = 0; i < MAX_FAILURES - 1; i++) throttle.failed('13812345678', '10.0.0.1');
		expect(throttle.waitFor(keys)).toBe(0);
		throttle.failed('13812345678', '10.0.0.1');
		expect(throttle.waitFor(keys)).toBe(LOCK_MS);
		// another login from the same address is not locked by it
		expect(throttle.waitFor(LoginThrottle.keys('other', '10.0.0.1'))).toBe(0);
		advance(LOCK_MS - 1);
		expect(throttle.waitFor(keys)).toBe(1);
		advance(1);
		expect(throttle.waitFor(keys)).toBe(0);
	});

	it('forgets failures older than the window, and a right password clears the count', () => {
		const { throttle, advance } = setup();
		for (let i = 0; i < MAX_FAILURES - 1; i++) throttle.failed('a', 'x');
		advance(WINDOW_MS + 1);
		throttle.failed('a', 'x');
		expect(throttle.waitFor(LoginThrottle.keys('a', 'x'))).toBe(0);
		for (let i = 0; i < MAX_FAILURES - 2; i++) throttle.failed('a', 'x');
		throttle.succeeded('a');
		throttle.failed('a', 'x');
		expect(throttle.waitFor(LoginThrottle.keys('a', 'x'))).toBe(0);
	});

	it('locks an address that tries many logins', () => {
		const { throttle } = setup();
		for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) throttle.failed(`user${i}`, '10.0.0.9');
		expect(throttle.waitFor(LoginThrottle.keys('fresh-user', '10.0.0.9'))).toBe(LOCK_MS);
		expect(throttle.waitFor(LoginThrottle.keys('fresh-user', '10.0.0.8'))).toBe(0);
	});
});
