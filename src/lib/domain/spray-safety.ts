/**
 * Spray safety (安全间隔期): from a field's spraying records, the earliest day its crop may be harvested and how
 * many times each product was sprayed this season against the label's maximum. The pre-harvest interval is
 * "days from the last spray to harvest; always follow the label" (facts.md §2). Pure: screens pass in the
 * records, the products and today.
 *
 * Choices, so that every screen says the same thing:
 * - A season is a calendar year in Heilongjiang time (Asia/Shanghai). Heilongjiang grows one crop a year
 *   (fields.ts keeps a field's season as "2026"), and a field is often harvested over several days (东头先收):
 *   "since the last harvest" would start a new season after the first harvest record and lose count.
 * - Whole days: a spray on 29 August with a 14-day interval makes 12 September the first safe day, whatever
 *   the hour of the spray or of the harvest.
 * - Only sprays marked done set the safe day and count against the maximum: a plan may never happen, or
 *   happen on another day. Planned sprays are counted apart, and a plan that would take the season past the
 *   label's maximum is flagged ('planned-too-many') while it can still be changed.
 * - Each harvest record, done or planned, is checked against the sprays done on or before its day in the same
 *   season: a spray after a harvest does not make that harvest wrong.
 * - A product with no interval recorded (or no longer in the inventory and never synced back) cannot give a
 *   safe day: it is named ('unknown-phi') rather than silently left out.
 * - Sprays are counted per product registration (农药登记证号), not per inventory item: the label's
 *   每季最多使用次数 belongs to the registered product, and 农药管理条例 (国务院令第677号, 2017) has users follow
 *   the label's 使用范围、方法和剂量、技术要求和注意事项; the label rules are 农药标签和说明书管理办法 (农业部令2017年
 *   第7号). Not yet confirmed: we found neither primary text (the ministry's or the State Council's own page) in
 *   the pages we can search, only reposts (e.g. the 2007 label rules at xiuzhiben.com/downxxgk.php?fid=133993639693579),
 *   so no article number is given here; facts.md §2 says "always follow the label".
 *   Two inventory items with the same registration number (a second bottle typed in again) count together, and
 *   the lowest maximum of their labels holds. An item with no registration number recorded counts on its own.
 * - The same active ingredient sold under different registrations (two brands of 噻嗪酮) is counted together
 *   too ('ingredient-too-many'): the law gives no rule across brands, so the limit used is the strictest
 *   among their labels; that is our choice, said to the farmer as a warning, not as the label's rule. Names
 *   are compared after dropping the content ("25%", "250克/升"), spaces and letter case; a mixture
 *   ("阿维·高氯") is compared as a whole.
 */
import type { LogDetails } from './field-logs';
import { dayStart, localDay, TIME_ZONE, type Locale } from './units';

/** What spray safety needs of an inventory item (farm-inputs.ts). */
export interface SprayProduct {
	id: string;
	name: string;
	/** 安全间隔期 in days; null when not recorded. */
	preHarvestDays: number | null;
	/** Most sprays allowed per season; null when not recorded. */
	maxApplications: number | null;
	/** 登记证号 (e.g. PD20080005); '' or absent when not recorded. */
	registrationNo?: string;
	/** 有效成分 as typed from the label (e.g. "噻嗪酮 25%"); '' or absent when not recorded. */
	activeIngredient?: string;
}

/** A registration number as one key: full-width letters and spaces made plain, upper case; null when none. */
export function registrationKey(no: string | undefined): string | null {
	const key = (no ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
	return key || null;
}

/**
 * An active ingredient's name as one key: the content (25%, 250 克/升, 50 g/L) dropped, spaces and letter case
 * ignored; null when none. "2,4-滴丁酯 57%" keeps its "2,4-".
 */
export function ingredientKey(name: string | undefined): string | null {
	const key = (name ?? '')
		.normalize('NFKC')
		.replace(/\d+(?:\.\d+)?\s*(?:%|克\/升|克\/千克|g\/l|g\/kg)/gi, '')
		.replace(/\s+/g, '')
		.toLowerCase();
	return key || null;
}

/** What spray safety needs of a record (records.ts LogRecord). */
export interface SafetyLog {
	id: string;
	type: string;
	fieldId: string | null;
	status: 'planned' | 'done';
	at: number;
	details?: LogDetails;
}

/**
 * One product's use on a field in a season: one registration number (all inventory items carrying it), or
 * one inventory item when no number is recorded.
 */
export interface ProductUse {
	/** The inventory item sprayed first; its name stands for the product. */
	productId: string;
	/** Every inventory item counted here (more than one when the same registration was entered twice). */
	productIds: string[];
	/** Null when the product is not in the inventory (any more). */
	product: SprayProduct | null;
	/** 登记证号 the sprays are counted by; null when none is recorded. */
	registrationNo: string | null;
	/** The label's most sprays per season: the lowest among the items counted here; null when none recorded. */
	max: number | null;
	/** Sprays done this season, and their record ids in date order. */
	done: number;
	doneIds: string[];
	/** Sprays planned and not done yet. */
	planned: number;
	/** Day of the last spray done (`YYYY-MM-DD`); null when it is only planned. */
	lastDay: string | null;
	/** Last spray + interval: the first day the crop may be harvested for this product. */
	safeDay: string | null;
}

/** One active ingredient under several registrations, sprayed (or planned) past the strictest label. */
export interface IngredientProblem {
	kind: 'ingredient-too-many' | 'ingredient-planned-too-many';
	/** The product whose label is the strictest. */
	productId: string;
	/** The ingredient as the strictest product's inventory entry names it. */
	ingredient: string;
	/** Every inventory item counted together (all the brands, every bottle). */
	productIds: string[];
	/** One inventory item per registration (per brand), the first sprayed of each: the names to show. */
	brandIds: string[];
	done: number;
	planned: number;
	max: number;
	/** The sprays past the maximum ('ingredient-too-many' only). */
	overIds: string[];
}

export type SprayProblem =
	| {
			kind: 'harvest-too-early';
			harvestId: string;
			harvestDay: string;
			safeDay: string;
			/** The product whose interval is broken (the latest safe day wins). */
			productId: string;
			phiDays: number;
	  }
	| {
			kind: 'too-many-applications';
			productId: string;
			done: number;
			max: number;
			/** The sprays past the maximum (the third of a two-spray product, and after). */
			overIds: string[];
	  }
	| { kind: 'planned-too-many'; productId: string; done: number; planned: number; max: number }
	| IngredientProblem
	| { kind: 'unknown-phi'; productId: string };

export interface SeasonSafety {
	season: string;
	/** Products sprayed or planned, the most recently sprayed first. */
	products: ProductUse[];
	/** The earliest safe harvest day: the latest over the products with a known interval. */
	safeDay: string | null;
	/** The product that sets `safeDay`. */
	safeBy: ProductUse | null;
	problems: SprayProblem[];
}

const DAY_MS = 86_400_000;

/** The season (calendar year in Heilongjiang) an instant falls in, e.g. "2026". */
export function seasonOf(at: number): string {
	return localDay(at).slice(0, 4);
}

/** A `YYYY-MM-DD` day moved by whole days (China keeps no daylight saving time, so a day is 24 h). */
export function addDays(day: string, days: number): string {
	return localDay(dayStart(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}

/** The inventory item a spraying record used, or null. */
export function sprayProductId(log: SafetyLog): string | null {
	const product = log.details?.product;
	return typeof product === 'string' && product ? product : null;
}

/** The inventory's pesticides by id (InputRecord rows fit SprayProduct). */
export function productsById<T extends SprayProduct>(rows: readonly T[]): Map<string, T> {
	return new Map(rows.map((p) => [p.id, p]));
}

const byAt = (a: SafetyLog, b: SafetyLog) => a.at - b.at;

/** The latest safe day over products, from the sprays done on or before `until` (a day), if given. */
function latestSafe(
	sprays: readonly SafetyLog[],
	products: ReadonlyMap<string, SprayProduct>,
	until?: string
): { safeDay: string; productId: string; phiDays: number } | null {
	let found: { safeDay: string; productId: string; phiDays: number } | null = null;
	for (const log of sprays) {
		const day = localDay(log.at);
		if (log.status !== 'done' || (until !== undefined && day > until)) continue;
		const productId = sprayProductId(log);
		const phi = productId ? products.get(productId)?.preHarvestDays : null;
		if (productId === null || phi == null) continue;
		const safeDay = addDays(day, phi);
		if (!found || safeDay > found.safeDay) found = { safeDay, productId, phiDays: phi };
	}
	return found;
}

/**
 * The same active ingredient under more than one registration, counted together against the strictest label
 * among them (our choice: the law sets each label's limit, none across brands). Registrations of their own
 * are already checked one by one; this adds a warning only where the brands together go past it.
 */
function ingredientProblems(
	uses: readonly ProductUse[],
	sprays: readonly SafetyLog[]
): SprayProblem[] {
	const groups = new Map<string, ProductUse[]>();
	for (const use of uses) {
		const key = ingredientKey(use.product?.activeIngredient);
		if (!key) continue;
		const list = groups.get(key);
		if (list) list.push(use);
		else groups.set(key, [use]);
	}
	const problems: SprayProblem[] = [];
	for (const group of groups.values()) {
		const limited = group.filter((u) => u.max !== null);
		if (group.length < 2 || !limited.length) continue;
		const strictest = limited.reduce((a, b) => ((b.max ?? 0) < (a.max ?? 0) ? b : a));
		const max = strictest.max ?? 0;
		const done = group.reduce((a, u) => a + u.done, 0);
		const planned = group.reduce((a, u) => a + u.planned, 0);
		if (done + planned <= max) continue;
		const doneIds = new Set(group.flatMap((u) => u.doneIds));
		const overIds = sprays
			.filter((l) => doneIds.has(l.id))
			.map((l) => l.id)
			.slice(max);
		problems.push({
			kind: done > max ? 'ingredient-too-many' : 'ingredient-planned-too-many',
			productId: strictest.productId,
			ingredient: strictest.product?.activeIngredient?.trim() ?? '',
			productIds: group.flatMap((u) => u.productIds),
			brandIds: group.map((u) => u.productId),
			done,
			planned,
			max,
			overIds: done > max ? overIds : []
		});
	}
	return problems;
}

/**
 * One field's spray safety in one season: pass that field's records (any kinds, any seasons: the ones that
 * count are picked here) and the inventory's pesticides by id.
 */
export function seasonSafety(
	logs: readonly SafetyLog[],
	products: ReadonlyMap<string, SprayProduct>,
	season: string
): SeasonSafety {
	const inSeason = logs.filter((l) => seasonOf(l.at) === season).sort(byAt);
	const sprays = inSeason.filter((l) => l.type === 'spraying');
	const uses = new Map<string, ProductUse>();
	for (const log of sprays) {
		const productId = sprayProductId(log);
		if (!productId) continue;
		const product = products.get(productId) ?? null;
		const registrationNo = registrationKey(product?.registrationNo);
		const key = registrationNo ? `reg:${registrationNo}` : `item:${productId}`;
		let use = uses.get(key);
		if (!use) {
			use = {
				productId,
				productIds: [],
				product,
				registrationNo,
				max: null,
				done: 0,
				doneIds: [],
				planned: 0,
				lastDay: null,
				safeDay: null
			};
			uses.set(key, use);
		}
		if (!use.productIds.includes(productId)) {
			use.productIds.push(productId);
			const max = product?.maxApplications ?? null;
			if (max !== null && (use.max === null || max < use.max)) use.max = max;
		}
		if (log.status === 'planned') {
			use.planned += 1;
			continue;
		}
		use.done += 1;
		use.doneIds.push(log.id);
		const day = localDay(log.at);
		use.lastDay = day;
		// the interval of the item actually sprayed, the latest safe day of the items counted here
		const phi = product?.preHarvestDays;
		if (phi != null) {
			const safe = addDays(day, phi);
			if (!use.safeDay || safe > use.safeDay) use.safeDay = safe;
		}
	}

	const problems: SprayProblem[] = [];
	for (const use of uses.values()) {
		const max = use.max;
		for (const id of use.productIds)
			if (products.get(id)?.preHarvestDays == null)
				problems.push({ kind: 'unknown-phi', productId: id });
		if (max === null) continue;
		if (use.done > max)
			problems.push({
				kind: 'too-many-applications',
				productId: use.productId,
				done: use.done,
				max,
				overIds: use.doneIds.slice(max)
			});
		else if (use.done + use.planned > max)
			problems.push({
				kind: 'planned-too-many',
				productId: use.productId,
				done: use.done,
				planned: use.planned,
				max
			});
	}
	problems.push(...ingredientProblems([...uses.values()], sprays));
	for (const harvest of inSeason.filter((l) => l.type === 'harvest')) {
		const harvestDay = localDay(harvest.at);
		const safe = latestSafe(sprays, products, harvestDay);
		if (safe && harvestDay < safe.safeDay)
			problems.push({ kind: 'harvest-too-early', harvestId: harvest.id, harvestDay, ...safe });
	}

	const products_ = [...uses.values()].sort((a, b) =>
		(b.lastDay ?? '').localeCompare(a.lastDay ?? '')
	);
	const safe = latestSafe(sprays, products);
	return {
		season,
		products: products_,
		safeDay: safe?.safeDay ?? null,
		safeBy: safe
			? ([...uses.values()].find((u) => u.productIds.includes(safe.productId)) ?? null)
			: null,
		problems
	};
}

/** Each field's spray safety this season, by field id (records without a field are left out). */
export function farmSpraySafety(
	logs: readonly SafetyLog[],
	products: ReadonlyMap<string, SprayProduct>,
	season: string
): Map<string, SeasonSafety> {
	const byField = new Map<string, SafetyLog[]>();
	for (const log of logs) {
		if (!log.fieldId) continue;
		const list = byField.get(log.fieldId);
		if (list) list.push(log);
		else byField.set(log.fieldId, [log]);
	}
	return new Map(
		[...byField].map(([fieldId, list]) => [fieldId, seasonSafety(list, products, season)])
	);
}

export type RecordMark =
	| Extract<SprayProblem, { kind: 'harvest-too-early' }>
	| Extract<SprayProblem, { kind: 'too-many-applications' }>
	| (IngredientProblem & { kind: 'ingredient-too-many' });

/**
 * What a timeline marks on single records, in every season: harvests before the safe day and sprays past the
 * label's maximum, by record id. Pass records of any fields.
 */
export function recordMarks(
	logs: readonly SafetyLog[],
	products: ReadonlyMap<string, SprayProduct>
): Map<string, RecordMark> {
	const marks = new Map<string, RecordMark>();
	const groups = new Map<string, SafetyLog[]>();
	for (const log of logs) {
		if (!log.fieldId) continue;
		const key = `${log.fieldId}/${seasonOf(log.at)}`;
		const list = groups.get(key);
		if (list) list.push(log);
		else groups.set(key, [log]);
	}
	for (const list of groups.values()) {
		const season = seasonOf(list[0]!.at);
		for (const problem of seasonSafety(list, products, season).problems) {
			if (problem.kind === 'harvest-too-early') marks.set(problem.harvestId, problem);
			if (problem.kind === 'too-many-applications')
				for (const id of problem.overIds) marks.set(id, problem);
			// a spray past its own label's maximum is marked so; past the brands' together, only if not
			if (problem.kind === 'ingredient-too-many') {
				const mark = { ...problem, kind: problem.kind };
				for (const id of problem.overIds) if (!marks.has(id)) marks.set(id, mark);
			}
		}
	}
	return marks;
}

/**
 * What a record being written would break, checked before it is saved: `draft` is the record as it would be
 * saved (its id is the record's own when it is being changed), `logs` the field's saved records.
 */
export function draftProblems(
	draft: SafetyLog,
	logs: readonly SafetyLog[],
	products: ReadonlyMap<string, SprayProduct>
): SprayProblem[] {
	if (!draft.fieldId || !Number.isFinite(draft.at)) return [];
	const others = logs.filter((l) => l.id !== draft.id && l.fieldId === draft.fieldId);
	const { problems } = seasonSafety([...others, draft], products, seasonOf(draft.at));
	const productId = sprayProductId(draft);
	const draftProduct = productId ? products.get(productId) : undefined;
	const draftReg = registrationKey(draftProduct?.registrationNo);
	// a problem of the product being sprayed: the same item, the same registration, or a brand group it is in
	const concerns = (p: SprayProblem) => {
		if (p.kind === 'harvest-too-early') return false;
		if (p.kind === 'ingredient-too-many' || p.kind === 'ingredient-planned-too-many')
			return productId !== null && p.productIds.includes(productId);
		if (p.productId === productId) return true;
		return (
			draftReg !== null && registrationKey(products.get(p.productId)?.registrationNo) === draftReg
		);
	};
	return problems.filter((p) =>
		draft.type === 'harvest'
			? p.kind === 'harvest-too-early' && p.harvestId === draft.id
			: draft.type === 'spraying' && concerns(p)
	);
}

/** Days still to wait before `safeDay`, seen from `today` (both `YYYY-MM-DD`): 0 means harvest may start. */
export function daysToWait(safeDay: string, today: string): number {
	return Math.max(0, daysBetween(today, safeDay));
}

// making an Intl.DateTimeFormat costs far more than using one (units.ts)
const monthDayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` day as a short date in Heilongjiang: "9月12日", "September 12". */
export function formatMonthDay(day: string, locale: Locale): string {
	let format = monthDayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			timeZone: TIME_ZONE,
			month: 'long',
			day: 'numeric'
		});
		monthDayFormats.set(locale, format);
	}
	return format.format(new Date(dayStart(day)));
}
