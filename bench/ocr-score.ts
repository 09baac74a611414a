/**
 * Scoring of label-scanner results against ../shared/fixtures/labels/*.json, by that folder's README rules:
 * strings compare with spaces removed, full-width letters, digits and brackets made half-width, letters
 * without case; numbers as numbers; productionDate as ISO. A field left empty counts against recall, a wrong
 * one against precision and recall. Used by bench/ocr.ts and the OCR tests.
 */
export type Expected = Record<string, string | number | null>;

export function normaliseForCompare(value: unknown): string | number | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') return value;
	return (typeof value === 'string' ? value : JSON.stringify(value))
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\s+/g, '')
		.toLowerCase();
}

export function sameValue(expected: unknown, actual: unknown): boolean {
	const e = normaliseForCompare(expected);
	const a = normaliseForCompare(actual);
	if (typeof e === 'number' || typeof a === 'number') return Number(e) === Number(a) && a !== null;
	return e === a;
}

export interface FieldTally {
	/** expected non-null */
	expected: number;
	/** scanner gave a value */
	given: number;
	/** given and right */
	right: number;
	/** expected null and the scanner left it empty */
	rightEmpty: number;
	/** expected null but the scanner gave a value */
	spurious: number;
}

export interface Mismatch {
	image: string;
	field: string;
	expected: unknown;
	actual: unknown;
}

export class Scorer {
	readonly fields = new Map<string, FieldTally>();
	readonly mismatches: Mismatch[] = [];

	add(image: string, expected: Expected, actual: Record<string, unknown>): void {
		for (const [field, want] of Object.entries(expected)) {
			const tally = this.fields.get(field) ?? {
				expected: 0,
				given: 0,
				right: 0,
				rightEmpty: 0,
				spurious: 0
			};
			this.fields.set(field, tally);
			const got = actual[field];
			const gotSome = normaliseForCompare(got) !== null;
			if (gotSome) tally.given++;
			if (normaliseForCompare(want) === null) {
				if (gotSome) {
					tally.spurious++;
					this.mismatches.push({ image, field, expected: want, actual: got });
				} else tally.rightEmpty++;
				continue;
			}
			tally.expected++;
			if (sameValue(want, got)) tally.right++;
			else this.mismatches.push({ image, field, expected: want, actual: got ?? null });
		}
	}

	/** Per field: precision = right / given, recall = right / expected (non-null expectations). */
	table(): {
		field: string;
		precision: number | null;
		recall: number | null;
		right: number;
		expected: number;
		given: number;
		spurious: number;
	}[] {
		return [...this.fields].map(([field, t]) => ({
			field,
			precision: t.given ? t.right / t.given : null,
			recall: t.expected ? t.right / t.expected : null,
			right: t.right,
			expected: t.expected,
			given: t.given,
			spurious: t.spurious
		}));
	}

	/** Share of expected (non-null) fields exactly right. */
	exactShare(): number {
		let right = 0;
		let expected = 0;
		for (const t of this.fields.values()) {
			right += t.right;
			expected += t.expected;
		}
		return expected ? right / expected : 0;
	}

	/** Share of all expected fields, null ones included (empty where the label prints nothing), right. */
	exactShareWithEmpty(): number {
		let right = 0;
		let total = 0;
		for (const t of this.fields.values()) {
			right += t.right + t.rightEmpty;
			total += t.expected + t.rightEmpty + t.spurious;
		}
		return total ? right / total : 0;
	}
}
