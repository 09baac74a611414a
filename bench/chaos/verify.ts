/**
 * What the chaos run asserts, worked out independently of the app's merge code: from every op the devices of
 * an account committed (their outbox ops, copied as they were made), each record's expected state is, field
 * by field, the value of the op with the latest clock stamp (stamps are unique per change), the record's
 * `hlc` the latest stamp of all its ops. Every replica, a fresh device and the server's database must hold
 * exactly these records (same ids, same values, same clocks, tombstones alike), and the server's
 * `applied_ops` exactly these op ids, once each.
 */
import type { OutboxOp } from '$lib/domain/records';

export type Rec = Record<string, unknown>;
/** `table/id` → record. */
export type RecordSet = Map<string, Rec>;

const BOOKKEEPING = new Set(['id', 'hlc', 'clocks', 'ownerId']);

export function expectedRecords(ops: OutboxOp[], ownerId: string): RecordSet {
	const records: RecordSet = new Map();
	for (const op of ops) {
		const key = `${op.table}/${op.recordId}`;
		const record = records.get(key) ?? { id: op.recordId, ownerId, hlc: '', clocks: {} };
		const clocks = record.clocks as Record<string, string>;
		for (const [field, value] of Object.entries(op.patch)) {
			if (BOOKKEEPING.has(field)) continue;
			const clock = clocks[field];
			if (clock === undefined || op.hlc > clock) {
				record[field] = value;
				clocks[field] = op.hlc;
			}
		}
		if (op.hlc > (record.hlc as string)) record.hlc = op.hlc;
		records.set(key, record);
	}
	return records;
}

/** JSON with keys sorted at every level, so two records compare as text. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Rec).sort(([a], [b]) => (a < b ? -1 : 1)))
			: v
	);
}

export interface Difference {
	replica: string;
	key: string;
	problem: 'missing' | 'extra' | 'different';
	want?: string;
	got?: string;
}

/** Compares a replica with the expected records; `ignore` lists fields it does not hold (the server's ownerId). */
export function compare(
	replica: string,
	want: RecordSet,
	got: RecordSet,
	ignore: string[] = []
): Difference[] {
	const strip = (r: Rec) =>
		Object.fromEntries(Object.entries(r).filter(([k]) => !ignore.includes(k)));
	const differences: Difference[] = [];
	for (const [key, record] of want) {
		const other = got.get(key);
		if (!other) differences.push({ replica, key, problem: 'missing' });
		else if (canonical(strip(record)) !== canonical(strip(other)))
			differences.push({
				replica,
				key,
				problem: 'different',
				want: canonical(strip(record)),
				got: canonical(strip(other))
			});
	}
	for (const key of got.keys())
		if (!want.has(key)) differences.push({ replica, key, problem: 'extra' });
	return differences;
}

/** Device records by `table/id`; two rows with one key would be a duplicate. */
export function toSet(tables: Record<string, Rec[]>): { set: RecordSet; duplicates: number } {
	const set: RecordSet = new Map();
	let duplicates = 0;
	for (const [table, rows] of Object.entries(tables))
		for (const row of rows) {
			const key = `${table}/${String(row.id)}`;
			if (set.has(key)) duplicates += 1;
			set.set(key, row);
		}
	return { set, duplicates };
}
