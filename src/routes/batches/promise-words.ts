import type { CropGroup } from '$lib/domain/banned-pesticides';
import type {
	CertificateItem,
	ItemState,
	PromiseFinding,
	SaleVerdict
} from '$lib/domain/certificate-promises';
import { formatMonthDay } from '$lib/domain/spray-safety';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** What a finding says, what to do about it, and the record or input to open to do it. */
export interface FindingWords {
	text: string;
	todo: string[];
	open?: { kind: 'record' | 'input'; id: string };
}

const day = (d: string) => formatMonthDay(d, getLocale());

export function itemLabel(item: CertificateItem): string {
	return {
		noBanned: m.promise_item_noBanned,
		intervals: m.promise_item_intervals,
		residues: m.promise_item_residues
	}[item]();
}

export function stateLabel(state: ItemState): string {
	return {
		kept: m.promise_state_kept,
		broken: m.promise_state_broken,
		unknown: m.promise_state_unknown
	}[state]();
}

const CROP_WORDS: Record<CropGroup, () => string> = {
	vegetable: m.promise_crop_vegetable,
	fruit: m.promise_crop_fruit,
	tea: m.promise_crop_tea,
	fungi: m.promise_crop_fungi,
	herb: m.promise_crop_herb,
	rice: m.promise_crop_rice,
	peanut: m.promise_crop_peanut,
	sugarcane: m.promise_crop_sugarcane,
	grain: m.promise_crop_grain
};

function crops(scope: readonly CropGroup[]): string {
	return scope.map((g) => CROP_WORDS[g]()).join(getLocale() === 'en' ? ', ' : '、');
}

const toxicityWords = { extreme: m.spray_toxicity_extreme, high: m.spray_toxicity_high };

/** One finding in plain words, with what the farmer can do. */
export function findingWords(f: PromiseFinding): FindingWords {
	const record = (id: string | null) => (id ? { kind: 'record' as const, id } : undefined);
	switch (f.kind) {
		case 'too-early':
			return {
				text: m.promise_too_early({
					field: f.fieldName ? m.promise_field_prefix({ field: f.fieldName }) : '',
					harvestDay: day(f.harvestDay),
					safeDay: day(f.safeDay),
					sprayDay: day(f.sprayDay),
					product: f.product,
					phi: f.phiDays,
					early: f.daysEarly
				}),
				todo: [
					f.daysLeft > 0
						? m.promise_do_wait({ safeDay: day(f.safeDay), days: f.daysLeft })
						: m.promise_do_test(),
					m.promise_do_fix_harvest()
				],
				open: record(f.harvestLogId)
			};
		case 'unknown-product':
			return {
				text: m.promise_unknown_product({ sprayDay: day(f.sprayDay) }),
				todo: [m.promise_do_record_product()],
				open: record(f.logId)
			};
		case 'no-field':
			return {
				text: m.promise_no_field({ harvestDay: day(f.harvestDay) }),
				todo: [m.promise_do_choose_field()],
				open: record(f.harvestLogId)
			};
		case 'unconfirmed-ban':
			return {
				text: m.promise_unconfirmed_ban({
					product: f.product.name,
					ingredient: f.ingredient,
					source: f.note
				}),
				todo: [m.promise_do_ask_station()],
				open: record(f.logId)
			};
		case 'unknown-interval':
			return {
				text: m.promise_unknown_interval({ product: f.product.name }),
				todo: [m.promise_do_record_interval()],
				open: { kind: 'input', id: f.product.id }
			};
		case 'unknown-ingredient':
			return {
				text: m.promise_unknown_ingredient({ product: f.product.name }),
				todo: [m.promise_do_record_ingredient()],
				open: { kind: 'input', id: f.product.id }
			};
		case 'banned': {
			const words = {
				product: f.product.name,
				ingredient: f.ingredient,
				source: f.rule.source,
				sprayDay: day(f.sprayDay)
			};
			return {
				text:
					f.rule.scope === 'all'
						? m.promise_banned_all(words)
						: m.promise_banned_crop({ ...words, crops: crops(f.rule.scope) }),
				todo: [m.promise_do_banned()],
				open: record(f.logId)
			};
		}
		case 'too-toxic':
			return {
				text: m.promise_too_toxic({
					product: f.product.name,
					toxicity: toxicityWords[f.toxicity === 'extreme' ? 'extreme' : 'high'](),
					crops: crops(f.rule.scope),
					source: f.rule.source,
					sprayDay: day(f.sprayDay)
				}),
				todo: [m.promise_do_banned()],
				open: record(f.logId)
			};
		case 'unknown-toxicity':
			return {
				text: m.promise_unknown_toxicity({
					product: f.product.name,
					crops: crops(['vegetable', 'fruit', 'tea', 'fungi', 'herb'])
				}),
				todo: [m.promise_do_record_toxicity()],
				open: { kind: 'input', id: f.product.id }
			};
		case 'unknown-crop':
			return {
				text: m.promise_unknown_crop({ product: f.product.name, crops: crops(f.scope) }),
				todo: [m.promise_do_record_crop()]
			};
		case 'residues-follow':
			return { text: m.promise_residues_follow(), todo: [m.promise_do_residue_test()] };
		case 'residues-tested':
			return {
				text: m.promise_residues_tested({
					basis: f.basis === 'entrusted' ? m.print_basis_entrusted() : m.print_basis_self()
				}),
				todo: []
			};
	}
}

/** The batch page headline instead of "can be sold", or null when the records allow it. */
export function verdictHeadline(verdict: SaleVerdict): string | null {
	switch (verdict.kind) {
		case 'ok':
			return null;
		case 'wait':
			return m.batch_verdict_wait({ date: day(verdict.until) });
		case 'harvested-early':
			return m.batch_verdict_early();
		case 'banned':
			return m.batch_verdict_banned();
		case 'unknown':
			return m.batch_verdict_unknown();
	}
}
