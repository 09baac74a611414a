import { describe, expect, it } from 'vitest';
import { withoutNul } from './sync-protocol';

describe('withoutNul', () => {
	it('takes NULs out of strings at any depth, in keys too, and leaves other values as they are', () => {
		const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 'x\u0000y' });
		const at = new Date(0);
		const bytes = new Uint8Array([0, 1]);
		expect(
			withoutNul({ bare, list: ['\u0000', 1, null, true], 'k\u0000': 'v', at, bytes, n: 0 })
		).toEqual({ bare: { a: 'xy' }, list: ['', 1, null, true], k: 'v', at, bytes, n: 0 });
		const out = withoutNul({ at, bytes });
		expect(out.at).toBe(at);
		expect(out.bytes).toBe(bytes);
	});
});
