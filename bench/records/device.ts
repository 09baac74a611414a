/**
 * Runs in the benchmark's Chromium page (bundled by bench/records.ts): the app's own database and query
 * code (LocalData, FarmRecords) on the browser's real IndexedDB, filled with a big farm, then timed the way
 * the timeline screens read it, each query followed by its rows rendered into a plain list.
 */
import Dexie from 'dexie';
import { logTypeLabel } from '$lib/components/log-type-label';
import { createDb } from '$lib/data/db';
import type { LogFilter } from '$lib/data/farm-records';
import { LocalData, type Subscribable } from '$lib/data/local-data';
import { logSummary, type LogType } from '$lib/domain/field-logs';
import type { LogRecord } from '$lib/domain/records';
import { formatDate, TIME_ZONE } from '$lib/domain/units';
import type { Measured, Sample, Seeded } from './shared';
import { benchFarm, SEASONS, seasonRange } from './seed';

const DB_NAME = 'bench-records';
const CHUNK = 5_000;
const FILTER_TYPES: readonly LogType[] = ['fertilizing', 'spraying'];

let data: LocalData | null = null;
let inputNames = new Map<string, string>();
let fieldNames = new Map<string, string>();
const list = document.createElement('ol');
document.body.append(list);

/** The first value of a live query, as the timeline screen (LogTimeline's Live) first gets it. */
async function firstValue<T>(source: Subscribable<T>): Promise<T> {
	let stop = () => {};
	const value = await new Promise<T>((resolve, reject) => {
		const subscription = source.subscribe({ next: resolve, error: reject });
		stop = () => subscription.unsubscribe();
	});
	stop();
	return value;
}

/** The rows as the user would see them (the app's own label, date and summary), laid out. */
function render(logs: LogRecord[], date = (at: number) => formatDate(at, 'zh-CN', true)): void {
	const rows = logs.map((log) => {
		const row = document.createElement('li');
		row.textContent = [
			logTypeLabel(log.type),
			log.status === 'planned' ? '计划' : '',
			date(log.at),
			log.fieldId ? (fieldNames.get(log.fieldId) ?? '') : '',
			logSummary(log, inputNames)
		]
			.filter(Boolean)
			.join(' · ');
		return row;
	});
	list.replaceChildren(...rows);
	// style and layout now, inside the timing, rather than at the next frame
	void list.getBoundingClientRect().height;
}

/** formatDate's options, in one formatter made once. */
const sharedFormatter = new Intl.DateTimeFormat('zh-CN', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * Waits for the next frame to be drawn, so a timing starts on a quiet page: without this the previous
 * list's paint lands in the next query's time.
 */
function quiet(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function elapsed(work: () => unknown): Promise<number> {
	await quiet();
	const start = performance.now();
	await work();
	return performance.now() - start;
}

async function timed(read: () => Promise<LogRecord[]>): Promise<Sample> {
	await quiet();
	const start = performance.now();
	const logs = await read();
	const query = performance.now() - start;
	render(logs);
	return { query, total: performance.now() - start, count: logs.length };
}

function local(): LocalData {
	if (!data) throw new Error('seed first');
	return data;
}

const recordsBench = {
	/** A fresh database with the farm written straight into its tables (not timed: setup). */
	async seed(fieldCount: number, logCount: number): Promise<Seeded> {
		const start = performance.now();
		data?.db.close();
		await Dexie.delete(DB_NAME);
		const farm = benchFarm(fieldCount, logCount);
		const db = createDb(DB_NAME);
		await db.inputs.bulkPut(farm.inputs);
		await db.fields.bulkPut(farm.fields);
		for (let i = 0; i < farm.logs.length; i += CHUNK)
			await db.logs.bulkPut(farm.logs.slice(i, i + CHUNK));
		db.close();
		// the timed reads go through a new connection, as after the app starts
		data = new LocalData(createDb(DB_NAME));
		await data.db.open();
		inputNames = new Map((await data.farm.inputs()).map((input) => [input.id, input.name]));
		fieldNames = new Map((await data.farm.fields()).map((field) => [field.id, field.name]));
		return {
			fields: await data.db.fields.count(),
			logs: await data.db.logs.count(),
			inputs: inputNames.size,
			planned: await data.db.logs.where('status').equals('planned').count(),
			seedMs: performance.now() - start,
			fieldIds: farm.fields.map((field) => field.id)
		};
	},

	/** Every query once per field per run, then the parts; run `r` filters season SEASONS[r % 3]. */
	async measure(fieldIds: string[], runs: number): Promise<Measured> {
		const { db, farm } = local();
		const reads: Measured['reads'] = { open: [], openLive: [], filter: [], newest: [] };
		const parts: Measured['parts'] = {
			readCursor: [],
			readGetAll: [],
			formatDate: [],
			sharedFormatter: [],
			domLayout: []
		};
		for (let run = 0; run < runs; run++) {
			const season = seasonRange(SEASONS[run % SEASONS.length] ?? SEASONS[0]);
			for (const fieldId of fieldIds) {
				const filter: LogFilter = { fieldId, types: FILTER_TYPES, ...season };
				reads.open.push(await timed(() => farm.logs({ fieldId })));
				reads.openLive.push(
					await timed(() => firstValue(local().watch((d) => d.farm.logs({ fieldId }))))
				);
				reads.filter.push(await timed(() => farm.logs(filter)));
				reads.newest.push(await timed(() => farm.logs({ limit: 100 })));

				let logs: LogRecord[] = [];
				parts.readCursor.push(await elapsed(async () => (logs = await farm.logs({ fieldId }))));
				parts.readGetAll.push(
					await elapsed(async () => {
						const all = await db.logs
							.where('[fieldId+at]')
							.between([fieldId, Dexie.minKey], [fieldId, Dexie.maxKey], true, true)
							.reverse()
							.toArray();
						return all.filter((log) => !log.deleted);
					})
				);
				parts.formatDate.push(
					await elapsed(() => logs.map((log) => formatDate(log.at, 'zh-CN', true)))
				);
				parts.sharedFormatter.push(
					await elapsed(() => logs.map((log) => sharedFormatter.format(log.at)))
				);
				parts.domLayout.push(await elapsed(() => render(logs, () => '')));
			}
		}
		list.replaceChildren();
		return { reads, parts };
	}
};

export type RecordsBench = typeof recordsBench;

Object.assign(globalThis, { recordsBench });
