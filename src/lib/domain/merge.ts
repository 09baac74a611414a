/**
 * Per-field last-writer-wins merge by hybrid-logical-clock stamp (hlc.ts). The same code runs on the server
 * (applying pushed ops) and on the device (re-applying unsynced local ops on top of pulled records).
 *
 * A record is flat: its fields plus bookkeeping. `clocks` holds, for every field, the stamp of the change
 * that set it. A patch field is taken only when its op's stamp is later than the field's clock; stamps are
 * unique per change (wall time, counter, node), so applying the same ops in any order, any number of times,
 * gives the same record on every replica.
 */
export type Clocks = Record<string, string>;

export interface MergeableRecord {
	id: string;
	deleted: boolean;
	/** The latest stamp of any field: what the record was last changed at. */
	hlc: string;
	clocks: Clocks;
}

/** A record whose other fields are not known statically (the server's view). */
export type AnyRecord = MergeableRecord & Record<string, unknown>;

export interface RecordOp {
	recordId: string;
	patch: Record<string, unknown>;
	hlc: string;
}

/** Fields a patch can never set: identity and bookkeeping are owned by the merge. */
export const RESERVED_FIELDS = new Set(['id', 'hlc', 'clocks', 'ownerId']);

export function emptyRecord(id: string): MergeableRecord {
	return { id, deleted: false, hlc: '', clocks: {} };
}

/** The record after one op. Never mutates `current`. */
export function applyOp<R extends MergeableRecord = AnyRecord>(
	current: R | undefined,
	op: RecordOp
): R {
	const base = (current ?? emptyRecord(op.recordId)) as R;
	const next = { ...base, clocks: { ...base.clocks } };
	const fields = next as unknown as Record<string, unknown>;
	for (const [field, value] of Object.entries(op.patch)) {
		if (RESERVED_FIELDS.has(field)) continue;
		const clock = next.clocks[field];
		if (clock === undefined || op.hlc > clock) {
			fields[field] = value;
			next.clocks[field] = op.hlc;
		}
	}
	if (op.hlc > next.hlc) next.hlc = op.hlc;
	return next;
}

export function applyOps<R extends MergeableRecord = AnyRecord>(
	current: R | undefined,
	ops: RecordOp[]
): R | undefined {
	return ops.reduce<R | undefined>((r, op) => applyOp(r, op), current);
}
