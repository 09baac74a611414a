/**
 * Harvest batches (批次): what a harvest record yields, with a trace code, split and merged when packing, and
 * sold by sale records. Pure rules; all quantities in kg.
 *
 * How much a batch has left: its quantity, less what was split off into parts, less what sale records sold
 * from it. A batch used up by a merge (or split into parts that took it all) has nothing left and is no
 * longer open. The lineage is kept both ways: a part or a merged batch names its parents (`parentIds`).
 */
import { isQuantity, type LogDetails } from './field-logs';
import { KG_PER_JIN } from './units';

export type BatchOrigin = 'harvest' | 'split' | 'merge';
/** `open`: may be sold, split or merged. `split`/`merged`: used up by packing (its parts carry on). */
export type BatchStatus = 'open' | 'split' | 'merged';

/**
 * What the public trace page /t/<code> shows of a batch. Off until the farmer turns it on. When on, by default:
 * the farmer's display name and village (as written in 我的), never a phone number, and the fields' place only
 * if chosen, and then rounded to about a village (domain/trace.ts publicPlace).
 */
export interface BatchPublish {
	enabled: boolean;
	/** The farmer's display name (default on). */
	producer?: boolean;
	/** The village or township from the profile (default on). */
	origin?: boolean;
	/** The fields' place, rounded to about a village (default off). */
	place?: boolean;
	/** The photos of the records in its trace (default off). */
	photos?: boolean;
}

export const PUBLISH_OFF: BatchPublish = { enabled: false };

/** The publish settings with their defaults filled in (older batches carry only `enabled`). */
export function publishOf(batch: { publish?: BatchPublish }): Required<BatchPublish> {
	const p = batch.publish ?? PUBLISH_OFF;
	return {
		enabled: p.enabled === true,
		producer: p.producer ?? true,
		origin: p.origin ?? true,
		place: p.place ?? false,
		photos: p.photos ?? false
	};
}

/** The fields of a batch record (records.ts `BatchRecord` adds the synced ones). */
export interface BatchData {
	/** Trace code, 10 characters without dashes (trace-code.ts). */
	code: string;
	/** What it is, e.g. "玉米" (the crop of the field when made from a harvest; may be empty). */
	product: string;
	fieldIds: string[];
	/** The harvest records it came from (a part or a merge carries its parents' on). */
	harvestLogIds: string[];
	/** Quantity when it was made, kg. */
	quantityKg: number;
	origin: BatchOrigin;
	/** The batches it was split or merged from; empty for a harvest. */
	parentIds: string[];
	status: BatchStatus;
	/** When it was harvested, split or merged (epoch ms). */
	at: number;
	publish: BatchPublish;
	notes: string;
}

/** What the rules need to know of a batch. */
export interface BatchLike {
	id: string;
	quantityKg: number;
	status: BatchStatus;
	product: string;
	deleted?: boolean;
}

/** What the rules need to know of a record: sales of a batch name its id in `details.batch`. */
export interface LogLike {
	id: string;
	type: string;
	status: string;
	deleted?: boolean;
	details?: LogDetails;
}

/** Quantities are kept to the gram: sums of typed decimals must not leave 0.000000001 kg over or short. */
export function roundKg(kg: number): number {
	return Math.round(kg * 1000) / 1000;
}

/** A record's `quantity` detail in kg (斤 converted), or null. */
export function quantityKgOf(details: LogDetails | undefined): number | null {
	const q = details?.quantity;
	if (!isQuantity(q) || !Number.isFinite(q.value)) return null;
	return roundKg(q.unit === 'jin' ? q.value * KG_PER_JIN : q.value);
}

/** Sale records that sell from this batch: done or planned (a planned sale keeps its share). */
export function salesOf<L extends LogLike>(batchId: string, logs: readonly L[]): L[] {
	return logs.filter((l) => !l.deleted && l.type === 'sale' && l.details?.batch === batchId);
}

/** Parts split off this batch. */
export function partsOf<B extends BatchLike & { origin: BatchOrigin; parentIds: string[] }>(
	batchId: string,
	batches: readonly B[]
): B[] {
	return batches.filter((b) => !b.deleted && b.origin === 'split' && b.parentIds.includes(batchId));
}

/** How much a batch has left, kg: never below 0. `exceptLogId` leaves out a sale being edited. */
export function remainingKg(
	batch: BatchLike,
	batches: readonly (BatchLike & { origin: BatchOrigin; parentIds: string[] })[],
	logs: readonly LogLike[],
	exceptLogId?: string
): number {
	if (batch.deleted || batch.status !== 'open') return 0;
	const splitOff = partsOf(batch.id, batches).reduce((sum, p) => sum + p.quantityKg, 0);
	const sold = salesOf(batch.id, logs)
		.filter((l) => l.id !== exceptLogId)
		.reduce((sum, l) => sum + (quantityKgOf(l.details) ?? 0), 0);
	return Math.max(0, roundKg(batch.quantityKg - splitOff - sold));
}

export type BatchProblem =
	| { kind: 'not-open' }
	| { kind: 'over'; availableKg: number; wantedKg: number }
	| { kind: 'no-parts' }
	| { kind: 'bad-part'; index: number }
	| { kind: 'too-few' }
	| { kind: 'mixed-products' }
	| { kind: 'same-batch-twice' };

/** A sale of `kg` from a batch with `availableKg` left: null when it fits, otherwise why not. */
export function checkSale(batch: BatchLike, availableKg: number, kg: number): BatchProblem | null {
	if (batch.deleted || batch.status !== 'open') return { kind: 'not-open' };
	if (roundKg(kg) > availableKg) return { kind: 'over', availableKg, wantedKg: roundKg(kg) };
	return null;
}

/**
 * Splitting a batch into parts (kg each, more than 0) that add up to at most what it has left. The rest, if
 * any, stays in the batch, which stays open; when the parts take it all, it is used up (`split`).
 */
export function planSplit(
	batch: BatchLike,
	availableKg: number,
	parts: readonly number[]
):
	| { ok: true; parts: number[]; leftKg: number; status: BatchStatus }
	| { ok: false; problem: BatchProblem } {
	if (batch.deleted || batch.status !== 'open') return { ok: false, problem: { kind: 'not-open' } };
	if (parts.length === 0) return { ok: false, problem: { kind: 'no-parts' } };
	const index = parts.findIndex((p) => !Number.isFinite(p) || roundKg(p) <= 0);
	if (index >= 0) return { ok: false, problem: { kind: 'bad-part', index } };
	const rounded = parts.map(roundKg);
	const total = roundKg(rounded.reduce((a, b) => a + b, 0));
	if (total > availableKg)
		return { ok: false, problem: { kind: 'over', availableKg, wantedKg: total } };
	const leftKg = roundKg(availableKg - total);
	return { ok: true, parts: rounded, leftKg, status: leftKg === 0 ? 'split' : 'open' };
}

/**
 * Merging open batches of the same product into one: it holds all they have left, and they are used up
 * (`merged`). Two at least, each once.
 */
export function planMerge(
	batches: readonly BatchLike[],
	available: ReadonlyMap<string, number>
): { ok: true; quantityKg: number; product: string } | { ok: false; problem: BatchProblem } {
	if (new Set(batches.map((b) => b.id)).size !== batches.length)
		return { ok: false, problem: { kind: 'same-batch-twice' } };
	if (batches.length < 2) return { ok: false, problem: { kind: 'too-few' } };
	if (batches.some((b) => b.deleted || b.status !== 'open' || (available.get(b.id) ?? 0) <= 0))
		return { ok: false, problem: { kind: 'not-open' } };
	const product = batches[0]!.product.trim();
	if (batches.some((b) => b.product.trim() !== product))
		return { ok: false, problem: { kind: 'mixed-products' } };
	const quantityKg = roundKg(batches.reduce((sum, b) => sum + (available.get(b.id) ?? 0), 0));
	return { ok: true, quantityKg, product };
}

/**
 * Whether a harvest's quantity may still change its batch: only while nothing was sold from it, split off it
 * or merged into another (otherwise those records would no longer add up).
 */
export function harvestBatchEditable(
	batch: BatchLike & { origin: BatchOrigin; parentIds: string[] },
	batches: readonly (BatchLike & { origin: BatchOrigin; parentIds: string[] })[],
	logs: readonly LogLike[]
): boolean {
	return (
		batch.status === 'open' &&
		partsOf(batch.id, batches).length === 0 &&
		salesOf(batch.id, logs).length === 0
	);
}
