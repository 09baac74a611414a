/**
 * The trace record of a batch (追溯): the chain of events from its field or fields to its sale, computed from
 * the farm records by pure code. Exports (epcis.ts, trace-csv.ts) and the public trace page read the chain;
 * none of them looks at the records again. docs/traceability.md explains the rules; in short:
 *
 * - Lineage: a batch made by splitting or merging others carries their history: the chain of a split part
 *   holds its parent's fields and records, the chain of a merge those of every parent (batchLineage).
 * - Season window: for each harvest batch of the lineage, the records of its fields in the calendar year (in
 *   Heilongjiang time, Asia/Shanghai, as spray-safety.ts counts a season) of its last harvest record, up to
 *   and including the day of that field's last harvest in the batch. Heilongjiang grows one crop a year; a
 *   spray after the harvest did not touch this crop.
 * - Only records marked done count: a plan may never have happened. Deleted records are left out.
 * - Harvest records are the batch's own (TraceBatch.harvestLogIds): another harvest of the same field went
 *   into another batch. Sales are those whose "batch" detail is the batch's trace code.
 * - Privacy: notes, photos and the GPS point of each record are never in the chain; a field's place is its
 *   centroid rounded to 0.01° (about a village, publicPlace), which exports may leave out too.
 */
import type { ToxicityClass } from './farm-inputs';
import { isQuantity, type InputKind, type LogDetails, type Quantity } from './field-logs';
import type { FieldRecord, InputRecord, LogRecord } from './records';
import { isSurveyDetail } from './seedling-survey';
import { addDays, productsById, seasonOf, seasonSafety, sprayProductId } from './spray-safety';
import { KG_PER_JIN, localDay } from './units';

/**
 * What the trace needs of a batch (the batches table maps its rows to this). A batch is made from harvest
 * records (`harvest`), or from other batches: a part of one (`split`) or several put together (`merge`).
 */
export interface TraceBatch {
	id: string;
	/** The trace code printed on the label (and in the QR code). */
	code: string;
	/** What it is, in the farmer's words, e.g. 玉米. */
	product: string;
	quantityKg: number;
	fieldIds: readonly string[];
	/** The harvest records it was made from (harvest batches). */
	harvestLogIds: readonly string[];
	/** The batches it was split from or merged from. */
	parentIds: readonly string[];
	createdFrom: 'harvest' | 'split' | 'merge';
	createdAt: number;
}

export type TraceEventKind =
	| 'sowing'
	| 'fertilizing'
	| 'spraying'
	| 'irrigation'
	| 'observation'
	| 'harvest'
	| 'commissioning'
	| 'split'
	| 'merge'
	| 'shipping';

/** The order of events at the same instant: field work, harvest, the batch, what was made of it, its sale. */
export const TRACE_EVENT_KINDS: readonly TraceEventKind[] = [
	'sowing',
	'fertilizing',
	'spraying',
	'irrigation',
	'observation',
	'harvest',
	'commissioning',
	'split',
	'merge',
	'shipping'
];

/** The work done on the field before the harvest. */
const FIELD_WORK = new Set<string>([
	'sowing',
	'fertilizing',
	'spraying',
	'irrigation',
	'observation'
]);

/** An inventory item as the trace names it. */
export interface TraceProduct {
	id: string;
	name: string;
	/** The label's registration number (PD20080005); empty when not recorded. */
	registrationNo: string;
	kind: InputKind;
	/** The label's active ingredient (有效成分) as written; empty when not recorded (certificate-promises.ts). */
	activeIngredient: string;
	/** Pesticides: the label's toxicity class; null when not recorded. */
	toxicity: ToxicityClass | null;
}

/** A batch as an event names it; `quantityKg` is what this event took or made of it. */
export interface TraceBatchRef {
	id: string;
	code: string;
	product: string;
	quantityKg: number;
}

/** A place rounded to about a village: never a field's own corners. */
export interface PublicPlace {
	lat: number;
	lng: number;
}

export interface TraceEvent {
	/** Unique in a chain: `log:<record id>` or `<kind>:<batch id>`. */
	key: string;
	kind: TraceEventKind;
	at: number;
	/** `YYYY-MM-DD` in Heilongjiang. */
	day: string;
	/** The record it comes from (field work, harvest, sale). */
	logId: string | null;
	fieldId: string | null;
	fieldName: string | null;
	/** The field's place, rounded to about a village (publicPlace); null when the field has no boundary. */
	place: PublicPlace | null;
	/** Sowing. */
	crop?: string;
	variety?: string;
	seedLot?: string;
	/** Seed rate (sowing), fertilizer rate, spray dose or irrigation water, in the unit it was written in. */
	amount?: Quantity;
	/** Fertilizing and spraying; null when the record names a product the inventory no longer has. */
	product?: TraceProduct | null;
	/** Fertilizing: how it was spread (a choice key, e.g. band). */
	method?: string;
	/** Spraying: the pest, disease or weed. */
	target?: string;
	/** Spraying: the label's pre-harvest interval (安全间隔期); null when not recorded. */
	phiDays?: number | null;
	/** Spraying: the first day the crop could be harvested; harvest: the latest over the sprays before it. */
	safeDay?: string | null;
	/**
	 * Spraying: whether every harvest of this field in the batch came on or after the safe day; harvest:
	 * whether it came on or after the safe day of every spray before it; commissioning: whether every harvest
	 * of the batch did. Null when an interval is unknown (or there is nothing to check).
	 */
	phiRespected?: boolean | null;
	/** Harvest and shipping: the mass, in kg (斤 converted). */
	quantityKg?: number;
	/** Harvest: grain moisture in percent. */
	moisturePercent?: number;
	/** Harvest: the farmer's own lot mark. */
	lot?: string;
	/** Observation: a yield estimate (kg/亩) or a seedling survey's result. */
	yieldEstimateKgPerMu?: number;
	surveyGrade?: number | null;
	surveyDensityPerMu?: number;
	/** Shipping: who bought it. */
	buyer?: string;
	/** Commissioning: the batch made; split and merge: the batch made and what it was made from. */
	batch?: TraceBatchRef;
	inputs?: TraceBatchRef[];
	/** Commissioning: the first and last day of its harvest records. */
	harvestStart?: string;
	harvestEnd?: string;
}

/** About 1.1 km north–south and 0.8 km east–west in Heilongjiang: a village, not a field. */
export const PUBLIC_PLACE_STEP_DEG = 0.01;

function roundTo(value: number, step: number): number {
	const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
	return Number((Math.round(value / step) * step).toFixed(decimals));
}

/**
 * A field's place for the public: the mean of its boundary's corners (for a field, a few hundred metres
 * across, as good as the area centroid), rounded to `step` degrees. Null for a field known only by name.
 */
export function publicPlace(
	field: Pick<FieldRecord, 'boundary'>,
	step = PUBLIC_PLACE_STEP_DEG
): PublicPlace | null {
	const ring = field.boundary?.coordinates[0] ?? [];
	const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
	const valid = corners.filter(
		(p) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1]!) <= 90
	);
	if (valid.length === 0) return null;
	const lng = valid.reduce((sum, p) => sum + p[0]!, 0) / valid.length;
	const lat = valid.reduce((sum, p) => sum + p[1]!, 0) / valid.length;
	return { lat: roundTo(lat, step), lng: roundTo(lng, step) };
}

/**
 * The batch and every batch it came from, parents before children, each once (the batch itself last).
 * Parents not in `allBatches` are left out; a loop in bad data is cut where it closes.
 */
export function batchLineage(batch: TraceBatch, allBatches: readonly TraceBatch[]): TraceBatch[] {
	const byId = new Map(allBatches.map((b) => [b.id, b]));
	byId.set(batch.id, batch);
	const out: TraceBatch[] = [];
	const seen = new Set<string>();
	const visit = (b: TraceBatch) => {
		if (seen.has(b.id)) return;
		seen.add(b.id);
		for (const parentId of b.parentIds) {
			const parent = byId.get(parentId);
			if (parent) visit(parent);
		}
		out.push(b);
	};
	visit(batch);
	return out;
}

/** A mass in kg, or null when the quantity is not a mass. */
export function massKg(value: LogDetails[string] | undefined): number | null {
	if (!isQuantity(value) || !Number.isFinite(value.value)) return null;
	if (value.unit === 'kg') return value.value;
	if (value.unit === 'jin') return value.value * KG_PER_JIN;
	return null;
}

/** A trace code as people typed it on older sale records: spaces, dashes and case do not matter. */
function sameCode(a: string, b: string): boolean {
	const plain = (s: string) => s.replace(/[\s-]+/g, '').toUpperCase();
	return plain(a) !== '' && plain(a) === plain(b);
}

function text(details: LogDetails | undefined, key: string): string | undefined {
	const value = details?.[key];
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function ref(batch: TraceBatch, quantityKg = batch.quantityKg): TraceBatchRef {
	return { id: batch.id, code: batch.code, product: batch.product, quantityKg };
}

const kindRank = (kind: TraceEventKind) => TRACE_EVENT_KINDS.indexOf(kind);

/** Events in time order; at the same instant, in the order of TRACE_EVENT_KINDS. */
export function compareEvents(a: TraceEvent, b: TraceEvent): number {
	return a.at - b.at || kindRank(a.kind) - kindRank(b.kind) || a.key.localeCompare(b.key);
}

/**
 * The trace chain of `batch`: the events of its lineage in time order (see the rules above). `logs`,
 * `fields` and `inputs` may hold any records of the farm; the ones that count are picked here. Inventory
 * items and fields deleted since are still used to name what was used and where: the trace is history.
 */
export function traceChain(
	batch: TraceBatch,
	allBatches: readonly TraceBatch[],
	logs: readonly LogRecord[],
	fields: readonly FieldRecord[],
	inputs: readonly InputRecord[]
): TraceEvent[] {
	const lineage = batchLineage(batch, allBatches);
	const byId = new Map(lineage.map((b) => [b.id, b]));
	const fieldById = new Map(fields.map((f) => [f.id, f]));
	const inputById = new Map(inputs.map((i) => [i.id, i]));
	const products = productsById(inputs);
	const live = logs.filter((l) => !l.deleted && l.status === 'done');
	const logById = new Map(live.map((l) => [l.id, l]));

	const events = new Map<string, TraceEvent>();
	/** For each spray, the days of the harvests of its field in the batches it leads to. */
	const sprayHarvests = new Map<string, string[]>();

	const base = (log: LogRecord): TraceEvent => {
		const field = log.fieldId ? fieldById.get(log.fieldId) : undefined;
		return {
			key: `log:${log.id}`,
			kind: log.type as TraceEventKind,
			at: log.at,
			day: localDay(log.at),
			logId: log.id,
			fieldId: log.fieldId,
			fieldName: field?.name ?? null,
			place: field ? publicPlace(field) : null
		};
	};

	const productOf = (log: LogRecord): TraceProduct | null => {
		const id = text(log.details, 'product');
		const item = id ? inputById.get(id) : undefined;
		if (!item) return null;
		return {
			id: item.id,
			name: item.name,
			registrationNo: item.registrationNo,
			kind: item.kind,
			activeIngredient: item.activeIngredient ?? '',
			toxicity: item.toxicity ?? null
		};
	};

	const fieldWork = (log: LogRecord): TraceEvent => {
		const event = base(log);
		const d = log.details;
		const amountKey = {
			sowing: 'seedRate',
			fertilizing: 'rate',
			spraying: 'dose',
			irrigation: 'water'
		}[log.type];
		const amount = amountKey ? d?.[amountKey] : undefined;
		if (isQuantity(amount) && Number.isFinite(amount.value)) event.amount = amount;
		if (log.type === 'sowing') {
			const crop = text(d, 'crop');
			const variety = text(d, 'variety');
			const seedLot = text(d, 'seedLot');
			if (crop) event.crop = crop;
			if (variety) event.variety = variety;
			if (seedLot) event.seedLot = seedLot;
		}
		if (log.type === 'fertilizing' || log.type === 'spraying') event.product = productOf(log);
		const method = text(d, 'method');
		if (method && log.type === 'fertilizing') event.method = method;
		const target = text(d, 'target');
		if (target && log.type === 'spraying') event.target = target;
		if (log.type === 'spraying') {
			const id = sprayProductId(log);
			const phi = id ? (products.get(id)?.preHarvestDays ?? null) : null;
			event.phiDays = phi;
			event.safeDay = phi === null ? null : addDays(event.day, phi);
		}
		if (log.type === 'observation') {
			const estimate = d?.yieldEstimate;
			if (isQuantity(estimate) && Number.isFinite(estimate.value))
				event.yieldEstimateKgPerMu = estimate.value;
			const survey = d?.survey;
			if (isSurveyDetail(survey)) {
				event.surveyGrade = survey.grade;
				event.surveyDensityPerMu = survey.densityPerMu;
			}
		}
		return event;
	};

	for (const b of lineage) {
		if (b.createdFrom !== 'harvest') continue;
		const harvests = b.harvestLogIds
			.map((id) => logById.get(id))
			.filter((l): l is LogRecord => l !== undefined && l.type === 'harvest')
			.sort((x, y) => x.at - y.at);
		const last = harvests.at(-1);
		const season = seasonOf(last?.at ?? b.createdAt);
		const batchUntil = localDay(last?.at ?? b.createdAt);
		const fieldIds = new Set([...b.fieldIds, ...harvests.flatMap((h) => h.fieldId ?? [])]);

		for (const fieldId of fieldIds) {
			const own = harvests.filter((h) => h.fieldId === fieldId);
			const until = own.length ? localDay(own.at(-1)!.at) : batchUntil;
			const work = live.filter(
				(l) =>
					l.fieldId === fieldId &&
					FIELD_WORK.has(l.type) &&
					seasonOf(l.at) === season &&
					localDay(l.at) <= until
			);
			for (const log of work) {
				const key = `log:${log.id}`;
				if (!events.has(key)) events.set(key, fieldWork(log));
				if (log.type === 'spraying') {
					const day = localDay(log.at);
					const days = (own.length ? own : harvests)
						.map((h) => localDay(h.at))
						.filter((d) => d >= day);
					sprayHarvests.set(key, [...(sprayHarvests.get(key) ?? []), ...days]);
				}
			}
			// each harvest checked as spray-safety.ts checks it, against the sprays of its field before it
			const safety = seasonSafety([...work, ...own], products, season);
			for (const harvest of own) {
				const event = base(harvest);
				const kg = massKg(harvest.details?.quantity);
				if (kg !== null) event.quantityKg = kg;
				const moisture = harvest.details?.moisture;
				if (isQuantity(moisture) && Number.isFinite(moisture.value))
					event.moisturePercent = moisture.value;
				const lot = text(harvest.details, 'lot');
				if (lot) event.lot = lot;
				const tooEarly = safety.problems.find(
					(p) => p.kind === 'harvest-too-early' && p.harvestId === harvest.id
				);
				// as spray-safety.ts: the sprays done on or before the harvest's day
				const harvestDay = localDay(harvest.at);
				const sprays = work.filter((l) => l.type === 'spraying' && localDay(l.at) <= harvestDay);
				const unknown = sprays.some((s) => {
					const id = sprayProductId(s);
					return !id || products.get(id)?.preHarvestDays == null;
				});
				const safeDays = sprays
					.map((s) => events.get(`log:${s.id}`)?.safeDay)
					.filter((d): d is string => typeof d === 'string')
					.sort();
				event.safeDay = safeDays.at(-1) ?? null;
				event.phiRespected = tooEarly ? false : unknown ? null : true;
				events.set(event.key, event);
			}
		}
		// harvests without a field still belong to the batch
		for (const harvest of harvests.filter((h) => !h.fieldId)) {
			const event = base(harvest);
			const kg = massKg(harvest.details?.quantity);
			if (kg !== null) event.quantityKg = kg;
			events.set(event.key, event);
		}

		// the batch kept every interval when each of its harvests did; unknown when one cannot say
		const checks = harvests.map((hv) => events.get(`log:${hv.id}`)?.phiRespected);
		const phiRespected = checks.includes(false)
			? false
			: checks.length === 0 || checks.some((c) => c !== true)
				? null
				: true;
		const first = [...fieldIds].map((id) => fieldById.get(id)).find((f) => f !== undefined);
		events.set(`commissioning:${b.id}`, {
			key: `commissioning:${b.id}`,
			kind: 'commissioning',
			at: b.createdAt,
			day: localDay(b.createdAt),
			logId: null,
			fieldId: first?.id ?? null,
			fieldName: first?.name ?? null,
			place: first ? publicPlace(first) : null,
			batch: ref(b),
			phiRespected,
			...(harvests.length
				? { harvestStart: localDay(harvests[0]!.at), harvestEnd: localDay(last!.at) }
				: {})
		});
	}

	for (const key of sprayHarvests.keys()) {
		const event = events.get(key)!;
		const days = sprayHarvests.get(key)!;
		const safeDay = event.safeDay;
		// no interval on record, or no harvest to check: neither kept nor broken
		event.phiRespected =
			safeDay == null || days.length === 0 ? null : days.every((d) => d >= safeDay);
	}

	for (const b of lineage) {
		if (b.createdFrom === 'harvest') continue;
		const parents = b.parentIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
		events.set(`${b.createdFrom}:${b.id}`, {
			key: `${b.createdFrom}:${b.id}`,
			kind: b.createdFrom,
			at: b.createdAt,
			day: localDay(b.createdAt),
			logId: null,
			fieldId: null,
			fieldName: null,
			place: null,
			batch: ref(b),
			// a split takes the part's mass from its parent; a merge takes the whole of each parent
			inputs: parents.map((p) => ref(p, b.createdFrom === 'split' ? b.quantityKg : p.quantityKg))
		});
	}

	for (const sale of live) {
		// a sale names its batch by id (the sale form's batch choice); older sales typed the trace code
		const named = text(sale.details, 'batch');
		if (sale.type !== 'sale' || !named || (named !== batch.id && !sameCode(named, batch.code)))
			continue;
		const event = base(sale);
		event.kind = 'shipping';
		const kg = massKg(sale.details?.quantity);
		if (kg !== null) event.quantityKg = kg;
		const buyer = text(sale.details, 'buyer');
		if (buyer) event.buyer = buyer;
		// what she was paid (price, amount) stays out of every trace on purpose: the chain goes to buyers,
		// inspectors and, published, to anyone, and one buyer should not read what another paid; a trace
		// says what, where and when (EPCIS has no price either). Her records CSV carries the money.
		event.batch = ref(batch, kg ?? batch.quantityKg);
		events.set(event.key, event);
	}

	return [...events.values()].sort(compareEvents);
}
