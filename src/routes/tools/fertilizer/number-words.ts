import type { RangeProblem } from '$lib/domain/fertilizer';
import { m } from '$lib/paraglide/messages.js';

const range = (v: number) => String(Math.round(v * 100) / 100);

/**
 * A calculator box's problem in plain words, once it is shown (a box left empty is not an error until it was
 * touched). Something that is not a number is said by the box itself (NumberBox).
 */
export function rangeProblemText(
	problem: RangeProblem | undefined,
	value: string,
	shown: boolean
): string {
	if (!problem || !shown) return '';
	if (problem.reason === 'blank-not-below-target') return m.calc_blank_not_below();
	if (value.trim() === '') return m.calc_missing();
	return m.calc_range({ min: range(problem.min), max: range(problem.max) });
}
