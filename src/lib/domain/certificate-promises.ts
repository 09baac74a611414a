/**
 * The commitment items of the 承诺达标合格证 (农业农村部令2025年第4号, facts.md §4), each worked out from the
 * batch's trace chain (trace.ts) so the app never helps a farmer sign a promise the records contradict:
 *
 * 1. noBanned — 不使用禁用农药兽药、停用兽药和非法添加物: every spray's product, by its active ingredient (or its
 *    name), against banned-pesticides.ts and the high-toxicity rule for the crop. Heitu records crops, not
 *    livestock, so vet drugs never arise; additives are not recorded, so the item speaks for pesticides.
 * 2. intervals — 遵守农药安全间隔期: what the chain already worked out with spray-safety.ts (each spray's and
 *    harvest's phiRespected and safe day); nothing here decides an interval a second time.
 * 3. residues — 农药残留符合国家强制性标准: see `residues` below.
 *
 * Each item is kept (the box may be ticked), broken (the records say the promise would be false) or unknown
 * (the records cannot say: a product no longer in the inventory, an interval or ingredient not filled in).
 * Findings say why and carry what a screen needs to say what to do.
 */
import {
	bannedIn,
	cropGroupsOf,
	HIGH_TOXICITY_RULE,
	unconfirmedBanIn,
	type BannedPesticide,
	type CropGroup
} from './banned-pesticides';
import type { ToxicityClass } from './farm-inputs';
import { daysBetween, daysToWait } from './spray-safety';
import type { TraceEvent, TraceProduct } from './trace';

export type CertificateItem = 'noBanned' | 'intervals' | 'residues';
export const CERTIFICATE_ITEMS: readonly CertificateItem[] = ['noBanned', 'intervals', 'residues'];
export type ItemState = 'kept' | 'broken' | 'unknown';
/** 承诺依据: 质量控制, 委托检测, 自我检测. */
export type CertificateBasis = 'control' | 'entrusted' | 'self';

interface SprayRef {
	/** The spraying record. */
	logId: string | null;
	sprayDay: string;
	fieldName: string | null;
}

export type PromiseFinding =
	| (SprayRef & {
			kind: 'too-early';
			product: string;
			phiDays: number;
			safeDay: string;
			/** The earliest harvest of the field before the safe day, and its record. */
			harvestDay: string;
			harvestLogId: string | null;
			daysEarly: number;
			/** Days from today to the safe day (0 once it has passed). */
			daysLeft: number;
	  })
	/** The spray names a product the inventory no longer has (deleted, or never synced here). */
	| (SprayRef & { kind: 'unknown-product' })
	/**
	 * A harvest of the batch names no field: the sprays of its field can't be found, so neither item can be
	 * promised from the records (both are unknown, not broken).
	 */
	| { kind: 'no-field'; harvestDay: string; harvestLogId: string | null }
	/**
	 * An ingredient reported as banned that `banned-pesticides.ts` could not confirm from a primary text: the
	 * box is not ticked on our word, nor the batch called banned on it (unknown: ask the extension station).
	 */
	| (SprayRef & {
			kind: 'unconfirmed-ban';
			product: TraceProduct;
			ingredient: string;
			note: string;
	  })
	| (SprayRef & { kind: 'unknown-interval'; product: TraceProduct })
	| (SprayRef & { kind: 'unknown-ingredient'; product: TraceProduct })
	| (SprayRef & {
			kind: 'banned';
			product: TraceProduct;
			ingredient: string;
			rule: BannedPesticide;
	  })
	| (SprayRef & {
			kind: 'too-toxic';
			product: TraceProduct;
			toxicity: ToxicityClass;
			rule: typeof HIGH_TOXICITY_RULE;
	  })
	/** A high-toxicity class is what the crop rule needs, and it was not filled in. */
	| (SprayRef & { kind: 'unknown-toxicity'; product: TraceProduct })
	/** The product is barred on some crops and the records do not say which crop this is. */
	| (SprayRef & {
			kind: 'unknown-crop';
			product: TraceProduct;
			ingredient: string | null;
			scope: readonly CropGroup[];
	  })
	/** Residues cannot be promised because this item is not kept. */
	| { kind: 'residues-follow'; item: 'noBanned' | 'intervals'; state: 'broken' | 'unknown' }
	/** Residues promised on a test the farmer names as the basis. */
	| { kind: 'residues-tested'; basis: 'entrusted' | 'self' };

export interface ItemCheck {
	item: CertificateItem;
	state: ItemState;
	findings: PromiseFinding[];
}

/** What the batch page headline says instead of "can be sold". */
export type SaleVerdict =
	| { kind: 'ok' }
	| { kind: 'banned'; product: string; ingredient: string }
	| { kind: 'wait'; until: string; daysLeft: number }
	| { kind: 'harvested-early'; safeDay: string }
	| { kind: 'unknown' };

export interface CertificatePromises {
	items: ItemCheck[];
	/** Some item is broken: no certificate may be issued for this batch (the labels may still print). */
	blocked: boolean;
	verdict: SaleVerdict;
}

export interface PromiseOptions {
	/** `YYYY-MM-DD` in Heilongjiang. */
	today: string;
	basis?: CertificateBasis;
}

const TOXIC: readonly ToxicityClass[] = ['extreme', 'high'];

function stateOf(findings: readonly PromiseFinding[], broken: readonly string[]): ItemState {
	if (findings.some((f) => broken.includes(f.kind))) return 'broken';
	return findings.length ? 'unknown' : 'kept';
}

function sprayRef(e: TraceEvent): SprayRef {
	return { logId: e.logId, sprayDay: e.day, fieldName: e.fieldName };
}

/** Harvests of the batch that name no field: what was sprayed on the crop can't be looked up. */
function fieldlessHarvests(chain: readonly TraceEvent[]): PromiseFinding[] {
	return chain
		.filter((e) => e.kind === 'harvest' && e.fieldId === null)
		.map((e) => ({ kind: 'no-field' as const, harvestDay: e.day, harvestLogId: e.logId }));
}

/** The interval item, read off the chain's own checks (trace.ts, spray-safety.ts). */
function intervalFindings(chain: readonly TraceEvent[], today: string): PromiseFinding[] {
	const findings: PromiseFinding[] = fieldlessHarvests(chain);
	const unknownProducts = new Set<string>();
	const harvests = chain.filter((e) => e.kind === 'harvest');
	for (const spray of chain.filter((e) => e.kind === 'spraying')) {
		if (!spray.product) findings.push({ kind: 'unknown-product', ...sprayRef(spray) });
		else if (spray.phiDays == null) {
			// one finding per product: filling in its interval once mends every spray of it
			if (!unknownProducts.has(spray.product.id))
				findings.push({ kind: 'unknown-interval', ...sprayRef(spray), product: spray.product });
			unknownProducts.add(spray.product.id);
		} else if (spray.phiRespected === false && spray.safeDay) {
			const safeDay = spray.safeDay;
			// the harvest the chain found too early: this field's, on or after the spray, before its safe day
			const early =
				harvests
					.filter(
						(h) =>
							h.phiRespected === false &&
							(spray.fieldId === null || h.fieldId === spray.fieldId) &&
							h.day >= spray.day &&
							h.day < safeDay
					)
					.sort((a, b) => a.at - b.at)[0] ??
				// the chain says not kept: never leave the box ticked, whatever harvest it was
				harvests.filter((h) => h.day < safeDay).sort((a, b) => a.at - b.at)[0];
			if (!early) {
				findings.push({ kind: 'unknown-interval', ...sprayRef(spray), product: spray.product });
				continue;
			}
			findings.push({
				kind: 'too-early',
				...sprayRef(spray),
				product: spray.product.name,
				phiDays: spray.phiDays,
				safeDay,
				harvestDay: early.day,
				harvestLogId: early.logId,
				daysEarly: daysBetween(early.day, safeDay),
				daysLeft: daysToWait(safeDay, today)
			});
		}
	}
	return findings;
}

/** The banned-pesticide item: each sprayed product against the table and the toxicity rule for the crop. */
function bannedFindings(chain: readonly TraceEvent[]): PromiseFinding[] {
	const crops = chain.flatMap((e) => [e.crop ?? '', e.batch?.product ?? '']).filter(Boolean);
	const groups = cropGroupsOf(crops);
	const findings: PromiseFinding[] = fieldlessHarvests(chain);
	const seen = new Set<string>();
	const once = (key: string, finding: PromiseFinding) => {
		if (seen.has(key)) return;
		seen.add(key);
		findings.push(finding);
	};
	const onCrop = (scope: readonly CropGroup[]): boolean | null =>
		groups.size === 0 ? null : scope.some((g) => groups.has(g));

	for (const spray of chain.filter((e) => e.kind === 'spraying')) {
		const product = spray.product;
		if (!product) {
			findings.push({ kind: 'unknown-product', ...sprayRef(spray) });
			continue;
		}
		// a fertilizer sprayed on the leaves is not a pesticide
		if (product.kind !== 'pesticide') continue;
		const ref = sprayRef(spray);
		const matches = bannedIn(`${product.activeIngredient} ${product.name}`);
		const inForce = matches.filter((m) => !m.rule.from || m.rule.from <= spray.day);
		const everywhere = inForce.find((m) => m.rule.scope === 'all');
		const onThis = inForce.find((m) => m.rule.scope !== 'all' && onCrop(m.rule.scope) === true);
		const unsure = inForce.find((m) => m.rule.scope !== 'all' && onCrop(m.rule.scope) === null);
		const hit = everywhere ?? onThis;
		const maybe = matches.length
			? null
			: unconfirmedBanIn(`${product.activeIngredient} ${product.name}`, groups);
		if (hit)
			once(`banned:${product.id}:${hit.name}`, {
				kind: 'banned',
				...ref,
				product,
				ingredient: hit.name,
				rule: hit.rule
			});
		else if (unsure)
			once(`crop:${product.id}`, {
				kind: 'unknown-crop',
				...ref,
				product,
				ingredient: unsure.name,
				scope: unsure.rule.scope as readonly CropGroup[]
			});
		else if (maybe)
			once(`unconfirmed:${product.id}`, {
				kind: 'unconfirmed-ban',
				...ref,
				product,
				ingredient: maybe.name,
				note: maybe.note
			});
		else if (!matches.length && !product.activeIngredient.trim())
			// a trade name says nothing of what is in the bottle
			once(`ingredient:${product.id}`, { kind: 'unknown-ingredient', ...ref, product });

		if (spray.day < HIGH_TOXICITY_RULE.from) continue;
		const barred = onCrop(HIGH_TOXICITY_RULE.scope);
		if (product.toxicity && TOXIC.includes(product.toxicity)) {
			if (barred === true)
				once(`toxic:${product.id}`, {
					kind: 'too-toxic',
					...ref,
					product,
					toxicity: product.toxicity,
					rule: HIGH_TOXICITY_RULE
				});
			else if (barred === null)
				once(`crop:${product.id}`, {
					kind: 'unknown-crop',
					...ref,
					product,
					ingredient: null,
					scope: HIGH_TOXICITY_RULE.scope
				});
		} else if (!product.toxicity && barred === true)
			once(`toxicity:${product.id}`, { kind: 'unknown-toxicity', ...ref, product });
	}
	return findings;
}

/**
 * The residue item. Residues are what the other two items stand for: a farmer who kept every interval and
 * used no banned product may promise residues within the standard on quality control alone (质量控制). After a
 * harvest inside an interval, or with a banned or unknown product, nothing in the records says the residues
 * are within the standard (nor that they are not: the item is unknown, not broken) — only a test can, which is
 * why the certificate's 承诺依据 offers 委托检测 and 自我检测. So the box is ticked then only when the farmer
 * names a test as the basis.
 */
function residueCheck(
	noBanned: ItemState,
	intervals: ItemState,
	basis: CertificateBasis
): ItemCheck {
	const findings: PromiseFinding[] = [];
	if (noBanned !== 'kept')
		findings.push({ kind: 'residues-follow', item: 'noBanned', state: noBanned });
	if (intervals !== 'kept')
		findings.push({ kind: 'residues-follow', item: 'intervals', state: intervals });
	if (!findings.length) return { item: 'residues', state: 'kept', findings };
	if (basis !== 'control')
		return { item: 'residues', state: 'kept', findings: [{ kind: 'residues-tested', basis }] };
	return { item: 'residues', state: 'unknown', findings };
}

function verdictOf(noBanned: ItemCheck, intervals: ItemCheck): SaleVerdict {
	const banned = noBanned.findings.find((f) => f.kind === 'banned' || f.kind === 'too-toxic');
	if (banned && (banned.kind === 'banned' || banned.kind === 'too-toxic'))
		return {
			kind: 'banned',
			product: banned.product.name,
			ingredient: banned.kind === 'banned' ? banned.ingredient : ''
		};
	const early = intervals.findings.filter((f) => f.kind === 'too-early');
	if (early.length) {
		const last = early.reduce((a, b) => (b.safeDay > a.safeDay ? b : a));
		return last.daysLeft > 0
			? { kind: 'wait', until: last.safeDay, daysLeft: last.daysLeft }
			: { kind: 'harvested-early', safeDay: last.safeDay };
	}
	if (noBanned.state !== 'kept' || intervals.state !== 'kept') return { kind: 'unknown' };
	return { kind: 'ok' };
}

/** Every commitment item of the batch whose trace chain is `chain` (traceChain), in the certificate's order. */
export function certificatePromises(
	chain: readonly TraceEvent[],
	{ today, basis = 'control' }: PromiseOptions
): CertificatePromises {
	const bannedList = bannedFindings(chain);
	const intervalList = intervalFindings(chain, today);
	const noBanned: ItemCheck = {
		item: 'noBanned',
		state: stateOf(bannedList, ['banned', 'too-toxic']),
		findings: bannedList
	};
	const intervals: ItemCheck = {
		item: 'intervals',
		state: stateOf(intervalList, ['too-early']),
		findings: intervalList
	};
	const residues = residueCheck(noBanned.state, intervals.state, basis);
	const items = [noBanned, intervals, residues];
	return {
		items,
		blocked: items.some((i) => i.state === 'broken'),
		verdict: verdictOf(noBanned, intervals)
	};
}
