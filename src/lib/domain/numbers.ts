/**
 * Numbers as farmers type them. Every number box in the app reads through here, so "2o", "abc" or "十二"
 * are never taken for an empty box: blank and not-a-number are different answers, and only blank may be
 * left out of a record.
 */

/** What a number box holds: nothing, a number, or something that is not a number. */
export type TypedNumber =
	{ kind: 'blank' } | { kind: 'number'; value: number } | { kind: 'not-a-number' };

/** Digits grouped by thousands ("10,000", "1，234.5"): how numbers are written in China. */
const THOUSANDS = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;

/**
 * Reads "1.5", "1,5" (a decimal comma), full-width "１．５" or "１２", "10,000" (thousands), spaces around.
 * A comma followed by exactly three digits is a thousands separator, as Chinese writing uses it; any other
 * single comma is a decimal comma.
 */
export function parseTyped(typed: string): TypedNumber {
	let plain = typed
		.trim()
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/[．。]/g, '.')
		.replace(/，/g, ',')
		.replace(/[－—−]/g, '-')
		.replace(/\s+/g, '');
	if (plain === '') return { kind: 'blank' };
	plain = THOUSANDS.test(plain) ? plain.replace(/,/g, '') : plain.replace(',', '.');
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain)) return { kind: 'not-a-number' };
	return { kind: 'number', value: Number(plain) };
}

/** The number typed, or null when the box is blank or holds something that is not a number. */
export function readNumber(typed: string): number | null {
	const read = parseTyped(typed);
	return read.kind === 'number' ? read.value : null;
}

/** True when something is typed and it is not a number: the box must say so, and nothing is saved. */
export function isNotANumber(typed: string): boolean {
	return parseTyped(typed).kind === 'not-a-number';
}

/**
 * A number for a calculation: the number typed, or NaN for blank and nonsense alike (the calculators'
 * range checks refuse NaN; the box itself says which it was).
 */
export function numberOrNaN(typed: string): number {
	return readNumber(typed) ?? Number.NaN;
}
