import Dexie from 'dexie';
import type { LogType } from '$lib/domain/field-logs';
import type { InputKind } from '$lib/domain/field-logs';
import type { FieldRecord, InputRecord, LogRecord } from '$lib/domain/records';
import type { HeituDb } from './db';

export interface LogFilter {
	fieldId?: string;
	types?: readonly LogType[];
	status?: 'planned' | 'done';
	/** Inclusive range of `at` (epoch ms). */
	from?: number;
	to?: number;
	limit?: number;
}

/**
 * Reading the farm's records: fields, their operation logs (newest first, by index, so a field's timeline
 * opens fast with tens of thousands of logs) and the inputs inventory. Writes go through SyncRepository.
 */
export class FarmRecords {
	readonly #db: HeituDb;

	constructor(db: HeituDb) {
		this.#db = db;
	}

	async fields(): Promise<FieldRecord[]> {
		const fields = await this.#db.fields.toArray();
		return fields.filter((f) => !f.deleted).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	}

	async field(id: string): Promise<FieldRecord | null> {
		const field = await this.#db.fields.get(id);
		return field && !field.deleted ? field : null;
	}

	/** Logs newest first; with `fieldId`, through the [fieldId+at] index. */
	async logs(filter: LogFilter = {}): Promise<LogRecord[]> {
		const from = filter.from ?? Dexie.minKey;
		const to = filter.to ?? Dexie.maxKey;
		const collection =
			filter.fieldId !== undefined
				? this.#db.logs.where('[fieldId+at]').between([filter.fieldId, from], [filter.fieldId, to], true, true)
				: this.#db.logs.where('at').between(from, to, true, true);
		const types = filter.types?.length ? new Set<string>(filter.types) : null;
		const keep = (log: LogRecord) =>
			!log.deleted &&
			(!types || types.has(log.type)) &&
			(!filter.status || log.status === filter.status);
		// the newest few of the whole farm: walk the index from the end and stop early
		if (filter.limit && filter.fieldId === undefined)
			return collection.reverse().filter(keep).limit(filter.limit).toArray();
		// a field's records (a few hundred) or everything asked for: one getAll, then filtered here, which is
		// faster than Dexie's filter() walking a cursor row by row (bench/records.ts)
		const all = (await collection.toArray()).filter(keep).reverse();
		return filter.limit ? all.slice(0, filter.limit) : all;
	}

	/**
	 * Planned work between two instants (inclusive, epoch ms), soonest first: straight off the [status+at]
	 * index, so a month of plans does not scan the years of done work.
	 */
	planned(from: number, to: number): Promise<LogRecord[]> {
		return this.#db.logs
			.where('[status+at]')
			.between(['planned', from], ['planned', to], true, true)
			.filter((log) => !log.deleted)
			.toArray();
	}

	/**
	 * What spray safety reads: spraying and harvest records. A field's come off the [fieldId+at] index (a few
	 * hundred rows, like its timeline); the whole farm's off the `type` index, so its other records are not read.
	 */
	async sprayLogs(fieldId?: string): Promise<LogRecord[]> {
		const types: LogType[] = ['spraying', 'harvest'];
		if (fieldId !== undefined) return this.logs({ fieldId, types });
		const rows = await this.#db.logs.where('type').anyOf(types).toArray();
		return rows.filter((l) => !l.deleted);
	}

	/**
	 * Every pesticide ever in the inventory, removed ones too: a bag used up and taken off the list still sets
	 * the safe harvest day of the fields it was sprayed on.
	 */
	sprayProducts(): Promise<InputRecord[]> {
		return this.#db.inputs.where('kind').equals('pesticide').toArray();
	}

	async log(id: string): Promise<LogRecord | null> {
		const log = await this.#db.logs.get(id);
		return log && !log.deleted ? log : null;
	}

	async inputs(kind?: InputKind): Promise<InputRecord[]> {
		const rows = kind
			? await this.#db.inputs.where('kind').equals(kind).toArray()
			: await this.#db.inputs.toArray();
		return rows.filter((r) => !r.deleted).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	}

	async input(id: string): Promise<InputRecord | null> {
		const input = await this.#db.inputs.get(id);
		return input && !input.deleted ? input : null;
	}
}
