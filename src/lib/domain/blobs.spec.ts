import { describe, expect, it } from 'vitest';
import { fitWithin, isSha256, parseContentRange, toHex } from './blobs';

describe('photo size', () => {
	it('shrinks the longest side to 1600 px and keeps the shape', () => {
		expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
		expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
		expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
		expect(fitWithin(10000, 3)).toEqual({ width: 1600, height: 1 });
	});
});

describe('content addresses and ranges', () => {
	it('recognises a sha256 in hex', () => {
		expect(isSha256('a'.repeat(64))).toBe(true);
		expect(isSha256('A'.repeat(64))).toBe(false);
		expect(isSha256('../etc/passwd')).toBe(false);
		expect(toHex(new Uint8Array([0, 15, 255]).buffer)).toBe('000fff');
	});

	it('reads a Content-Range and refuses nonsense', () => {
		expect(parseContentRange('bytes 0-65535/200000')).toEqual({
			start: 0,
			end: 65535,
			total: 200000
		});
		expect(parseContentRange('bytes 10-5/100')).toBeNull();
		expect(parseContentRange('bytes 0-100/100')).toBeNull();
		expect(parseContentRange(null)).toBeNull();
	});
});
