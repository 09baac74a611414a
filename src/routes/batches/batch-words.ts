import type { BatchRefusal } from '$lib/data/batch-book';
import type { BatchOrigin, BatchStatus } from '$lib/domain/batches';
import { formatMass } from '$lib/domain/units';
import { formatTraceCode, type TraceCodeParse } from '$lib/domain/trace-code';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

export function mass(kg: number): string {
	return formatMass(kg, getLocale());
}

/** The batch's state in words; an open batch with nothing left is sold out. */
export function batchStatusLabel(status: BatchStatus, leftKg?: number): string {
	if (status === 'open' && leftKg === 0) return m.batch_status_sold_out();
	return { open: m.batch_status_open, split: m.batch_status_split, merged: m.batch_status_merged }[
		status
	]();
}

export function batchOriginLabel(origin: BatchOrigin): string {
	return {
		harvest: m.batch_origin_harvest,
		split: m.batch_origin_split,
		merge: m.batch_origin_merge
	}[origin]();
}

/** Why a sale, split, merge or harvest change was refused, in plain words with the amounts. */
export function batchRefusalText(refusal: BatchRefusal): string {
	switch (refusal.kind) {
		case 'over':
			return m.batch_over({ left: mass(refusal.availableKg), wanted: mass(refusal.wantedKg) });
		case 'not-open':
			return m.batch_not_open();
		case 'no-parts':
			return m.batch_no_parts();
		case 'bad-part':
			return m.batch_bad_part({ number: refusal.index + 1 });
		case 'too-few':
			return m.batch_too_few();
		case 'mixed-products':
			return m.batch_mixed_products();
		case 'same-batch-twice':
			return m.batch_same_twice();
		case 'harvest-locked':
			return m.batch_harvest_locked({
				code: formatTraceCode(refusal.code),
				amount: mass(refusal.quantityKg)
			});
	}
}

/** What is wrong with a typed trace code (never "not found": the caller looks the code up). */
export function traceCodeProblemText(parsed: Exclude<TraceCodeParse, { ok: true }>): string {
	switch (parsed.problem) {
		case 'empty':
			return m.batch_check_empty();
		case 'wrong-length':
			return m.batch_check_length({ count: parsed.length });
		case 'not-in-alphabet': {
			const text = m.batch_check_letters({ chars: parsed.chars.join(' ') });
			return parsed.suggestion
				? `${text} ${m.batch_check_suggest({ code: formatTraceCode(parsed.suggestion) })}`
				: text;
		}
		case 'check-failed':
			return m.batch_check_slip();
	}
}

/** The refusal carried by an error from the batch book (BatchRefusedError), or null for any other error. */
export function refusalOf(error: unknown): BatchRefusal | null {
	if (error && typeof error === 'object' && 'refusal' in error) {
		const refusal = error.refusal;
		if (refusal && typeof refusal === 'object' && 'kind' in refusal) return refusal as BatchRefusal;
	}
	return null;
}
