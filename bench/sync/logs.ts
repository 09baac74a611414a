/**
 * The field logs both sync benchmarks replicate: the same generated records for Heitu and for PouchDB.
 * Deterministic, so every run (and both systems) carries exactly the same data.
 */
export interface BenchLog {
	type: string;
	fieldId: string | null;
	status: 'planned' | 'done';
	at: number;
	notes: string;
}

const TYPES = ['sowing', 'fertilizing', 'spraying', 'irrigation', 'observation', 'harvest'];
const NOTES = [
	'追施尿素，每亩 10 公斤，条施后覆土',
	'玉米 3 叶期，出苗整齐，缺苗约 2%',
	'喷施 烟嘧磺隆 防除杂草，兑水 30 升/亩',
	'浇水 40 方/亩，土壤墒情偏干',
	'大豆 鼓粒期，叶片有少量 灰斑病',
	'收获 玉米 650 公斤/亩，含水量 26%'
];
// twelve fields, as a family farm in Heilongjiang might have
const FIELDS = Array.from(
	{ length: 12 },
	(_, i) => `0192f1c4-7a00-7000-8000-${String(i).padStart(12, '0')}`
);
const START = Date.UTC(2026, 3, 20); // spring sowing, 2026

export function benchLogs(count: number): BenchLog[] {
	return Array.from({ length: count }, (_, i) => ({
		type: TYPES[i % TYPES.length] ?? 'observation',
		fieldId: i % 9 === 0 ? null : (FIELDS[i % FIELDS.length] ?? null),
		status: i % 7 === 0 ? 'planned' : 'done',
		at: START + i * 37 * 60_000,
		notes: `${NOTES[i % NOTES.length] ?? ''}（第 ${i + 1} 条）`
	}));
}
