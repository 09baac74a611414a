/**
 * The farm the records benchmark reads (bench/records.ts): fields near Harbin with GeoJSON boundaries, an
 * inputs inventory, and operation records of every kind over three seasons, in the app's own record shapes
 * (clocks filled in as SyncRepository.create leaves them). Seeded, so every run and both pages (timeline
 * and map) get the same farm.
 */
import { v7 as uuidv7 } from 'uuid';
import {
	FERTILIZING_METHODS,
	IRRIGATION_METHODS,
	validateLog,
	type LogDetails,
	type LogPoint,
	type LogType
} from '$lib/domain/field-logs';
import type { FarmInputDraft } from '$lib/domain/farm-inputs';
import { areaM2, polygonOf, type Polygon, type Position } from '$lib/domain/geometry';
import type { FieldRecord, InputRecord, LogRecord, SyncedRecord } from '$lib/domain/records';
import { SQ_M_PER_MU } from '$lib/domain/units';
import { seeded } from '../chaos/random';

export type BenchField = FieldRecord & { boundary: Polygon };

export interface BenchFarm {
	fields: BenchField[];
	inputs: InputRecord[];
	logs: LogRecord[];
}

export const SEASONS = [2024, 2025, 2026] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight in Heilongjiang (UTC+8) of a calendar day. */
const localDay = (year: number, month: number, day: number) =>
	Date.UTC(year, month - 1, day) - 8 * HOUR;

/** The benchmark's "today": records after it are planned work. */
export const NOW = localDay(2026, 7, 1) + 10 * HOUR;

/** A season as a filter range: its calendar year, Heilongjiang time, both ends inclusive. */
export function seasonRange(year: number): { from: number; to: number } {
	return { from: localDay(year, 1, 1), to: localDay(year + 1, 1, 1) - 1 };
}

class Dice {
	readonly #next: () => number;
	constructor(seed: number) {
		this.#next = seeded(seed);
	}
	float(min = 0, max = 1): number {
		return min + this.#next() * (max - min);
	}
	int(min: number, max: number): number {
		return Math.floor(this.float(min, max + 1));
	}
	chance(p: number): boolean {
		return this.#next() < p;
	}
	pick<T>(list: readonly T[]): T {
		const item = list[Math.floor(this.#next() * list.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}
	/** A key of `weights`, with probability proportional to its weight. */
	weighted<K extends string>(weights: Record<K, number>): K {
		const entries = Object.entries(weights) as [K, number][];
		let roll = this.float(
			0,
			entries.reduce((sum, [, w]) => sum + w, 0)
		);
		for (const [key, weight] of entries) {
			roll -= weight;
			if (roll < 0) return key;
		}
		return entries[entries.length - 1]![0];
	}
	bytes(count: number): Uint8Array {
		return Uint8Array.from({ length: count }, () => this.int(0, 255));
	}
	hex(count: number): string {
		return Array.from(this.bytes(count), (b) => b.toString(16).padStart(2, '0')).join('');
	}
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** The bookkeeping SyncRepository.create gives a record: every field's clock is the creating stamp. */
function synced<T extends object>(id: string, body: T, createdAt: number): T & SyncedRecord {
	const hlc = `${String(createdAt).padStart(15, '0')}-00000-benchnode`;
	const keys = [...Object.keys(body), 'deleted', 'createdAt', 'updatedAt'];
	return {
		...body,
		id,
		ownerId: '',
		hlc,
		clocks: Object.fromEntries(keys.map((key) => [key, hlc])),
		deleted: false,
		createdAt,
		updatedAt: createdAt
	};
}

// ---- fields: small quadrilaterals on a jittered grid about 10 km across, none overlapping

const CENTRE = { lat: 45.75, lng: 126.63 };
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((CENTRE.lat * Math.PI) / 180);
const CELL_M = 700;
const COLS = 15;
const PLACE_NAMES = [
	'东岗',
	'西洼',
	'南坡',
	'北甸子',
	'河套',
	'大岗',
	'前屯',
	'后屯',
	'苇塘',
	'二道沟'
];
const CROPS = {
	玉米: ['德美亚1号', '先玉335', '京科968'],
	大豆: ['黑河43', '合农95', '东生1号'],
	水稻: ['龙粳31', '绥粳18', '五优稻4号']
} as const;
type Crop = keyof typeof CROPS;

function quadrilateral(dice: Dice, centreX: number, centreY: number, m2: number): Position[] {
	// long and narrow as Heilongjiang fields are: 1.5 to 4 times as long as wide, at most ~460 m long
	const aspect = dice.float(1.5, 4);
	const length = Math.sqrt(m2 * aspect);
	const width = m2 / length;
	const turn = dice.float(-0.5, 0.5);
	const corners: [number, number][] = [
		[-length / 2, -width / 2],
		[length / 2, -width / 2],
		[length / 2, width / 2],
		[-length / 2, width / 2]
	];
	return corners.map(([x, y]) => {
		const jx = x + dice.float(-0.06, 0.06) * width;
		const jy = y + dice.float(-0.06, 0.06) * width;
		const east = centreX + jx * Math.cos(turn) - jy * Math.sin(turn);
		const north = centreY + jx * Math.sin(turn) + jy * Math.cos(turn);
		return [
			round(CENTRE.lng + east / M_PER_DEG_LNG, 7),
			round(CENTRE.lat + north / M_PER_DEG_LAT, 7)
		];
	});
}

function makeFields(dice: Dice, count: number): BenchField[] {
	// a few grid cells stay empty (a village, a wood)
	const cells = Array.from({ length: Math.round(count * 1.05) }, (_, i) => i);
	const rows = Math.ceil(cells.length / COLS);
	while (cells.length > count) cells.splice(dice.int(0, cells.length - 1), 1);
	return cells.map((cell, i) => {
		const x = ((cell % COLS) - (COLS - 1) / 2) * CELL_M + dice.float(-100, 100);
		const y = (Math.floor(cell / COLS) - (rows - 1) / 2) * CELL_M + dice.float(-100, 100);
		const boundary = polygonOf(quadrilateral(dice, x, y, dice.float(10, 80) * SQ_M_PER_MU));
		const crop = dice.weighted<Crop>({ 玉米: 55, 大豆: 35, 水稻: 10 });
		const createdAt = localDay(2024, 3, 1) + i * HOUR;
		const id = uuidv7({ msecs: createdAt, random: dice.bytes(16) });
		const place = PLACE_NAMES[i % PLACE_NAMES.length] ?? '';
		return synced(
			id,
			{
				name: `${place}${Math.floor(i / PLACE_NAMES.length) + 1}号`,
				areaM2: round(areaM2(boundary), 1),
				boundary,
				crop,
				variety: dice.pick(CROPS[crop]),
				season: '2026'
			},
			createdAt
		);
	});
}

// ---- the inputs inventory (fertilizers and pesticides the records name)

const FERTILIZERS: [string, string][] = [
	['尿素', '46-0-0'],
	['磷酸二铵', '18-46-0'],
	['复合肥', '15-15-15'],
	['玉米专用肥', '26-10-12'],
	['硫酸钾', '0-0-50']
];
const PESTICIDES: [string, string, number][] = [
	['烟嘧磺隆', '烟嘧磺隆 40 g/L', 30],
	['莠去津', '莠去津 38%', 60],
	['精喹禾灵', '精喹禾灵 10%', 60],
	['氟磺胺草醚', '氟磺胺草醚 25%', 90],
	['氯虫苯甲酰胺', '氯虫苯甲酰胺 200 g/L', 21],
	['吡唑醚菌酯', '吡唑醚菌酯 25%', 28],
	['高效氯氟氰菊酯', '高效氯氟氰菊酯 2.5%', 21]
];

function makeInputs(dice: Dice): InputRecord[] {
	const drafts: FarmInputDraft[] = [
		...FERTILIZERS.map(([name, npk]) => ({
			kind: 'fertilizer' as const,
			name,
			registrationNo: '',
			npk,
			activeIngredient: '',
			preHarvestDays: null,
			maxApplications: null,
			notes: ''
		})),
		...PESTICIDES.map(([name, activeIngredient, preHarvestDays], i) => ({
			kind: 'pesticide' as const,
			name,
			registrationNo: `PD20${String(10 + i)}${String(dice.int(1000, 9999))}`,
			npk: '',
			activeIngredient,
			preHarvestDays,
			maxApplications: 2,
			notes: ''
		}))
	];
	return drafts.map((draft, i) => {
		const createdAt = localDay(2024, 2, 20) + i * HOUR;
		return synced(uuidv7({ msecs: createdAt, random: dice.bytes(16) }), draft, createdAt);
	});
}

// ---- operation records

const TYPE_WEIGHTS: Record<LogType, number> = {
	observation: 28,
	spraying: 20,
	fertilizing: 16,
	irrigation: 14,
	sowing: 7,
	harvest: 7,
	sale: 8
};
/** When in the season each kind of work happens: [month, day] to [month, day]. */
const WINDOWS: Record<LogType, [[number, number], [number, number]]> = {
	sowing: [
		[4, 20],
		[5, 20]
	],
	fertilizing: [
		[4, 15],
		[7, 15]
	],
	spraying: [
		[5, 10],
		[8, 31]
	],
	irrigation: [
		[5, 20],
		[8, 20]
	],
	observation: [
		[4, 1],
		[10, 15]
	],
	harvest: [
		[9, 20],
		[10, 31]
	],
	sale: [
		[10, 15],
		[12, 31]
	]
};
const NOTES: Record<LogType, string[]> = {
	sowing: ['播种深度 4 厘米，墒情好', '垄上双行，株距 22 厘米', '补种低洼处'],
	fertilizing: ['底肥，播前深施', '拔节期追施，条施后覆土', '叶面喷施，兑水 30 升'],
	spraying: ['苗后除草，3-5 叶期', '玉米螟防治，喷心叶', '雨后补喷', '飞防，无人机作业'],
	irrigation: ['土壤墒情偏干', '抽雄前灌水', '泡田'],
	observation: [
		'出苗整齐，缺苗约 2%',
		'叶片有少量灰斑病',
		'杂草较多，需除草',
		'长势良好',
		'低洼处积水，根系发黄',
		'鼓粒期，籽粒饱满'
	],
	harvest: ['机收，损失约 3%', '倒伏严重，人工辅助', '籽粒含水偏高，需晾晒'],
	sale: ['卖给粮库，价格 1.12 元/斤', '合作社统一收购', '现款结清']
};
const SPRAY_TARGETS = ['杂草', '玉米螟', '大豆食心虫', '灰斑病', '稻瘟病', '蚜虫'];
const WEATHER = ['晴，微风', '多云，无风', '阴，风力 2 级', '晴，上午露水大'];
const BUYERS = ['五常粮库', '兴隆合作社', '王经纪', '中粮收购站', '本村加工厂'];

function details(
	dice: Dice,
	type: LogType,
	field: BenchField | null,
	inputs: InputRecord[],
	year: number
): LogDetails {
	const crop = (field?.crop ?? '玉米') as Crop;
	const mu = (field?.areaM2 ?? 20 * SQ_M_PER_MU) / SQ_M_PER_MU;
	const product = (kind: InputRecord['kind']) =>
		dice.pick(inputs.filter((input) => input.kind === kind)).id;
	switch (type) {
		case 'sowing':
			return {
				crop,
				variety: field?.variety ?? dice.pick(CROPS[crop]),
				...(dice.chance(0.6) ? { seedLot: `${year}-${dice.int(100, 999)}` } : {}),
				seedRate: {
					value: round(crop === '玉米' ? dice.float(2, 3) : dice.float(4, 8), 1),
					unit: 'kgPerMu'
				}
			};
		case 'fertilizing':
			return {
				product: product('fertilizer'),
				rate: { value: round(dice.float(10, 50), 1), unit: 'kgPerMu' },
				method: dice.pick(FERTILIZING_METHODS)
			};
		case 'spraying':
			return {
				product: product('pesticide'),
				dose: {
					value: dice.int(20, 150),
					unit: dice.chance(0.7) ? 'mlPerMu' : 'gPerMu'
				},
				target: dice.pick(SPRAY_TARGETS),
				water: { value: dice.int(15, 30), unit: 'lPerMu' },
				...(dice.chance(0.5) ? { weather: dice.pick(WEATHER) } : {})
			};
		case 'irrigation':
			return {
				water: { value: dice.int(20, 60), unit: 'm3PerMu' },
				method: dice.pick(IRRIGATION_METHODS)
			};
		case 'observation':
			return {};
		case 'harvest':
			return {
				quantity: { value: round(mu * dice.float(350, 700)), unit: 'kg' },
				moisture: { value: round(dice.float(14, 30), 1), unit: 'percent' },
				lot: `${year}-H${dice.int(1, 99)}`
			};
		case 'sale':
			return {
				buyer: dice.pick(BUYERS),
				quantity: { value: dice.int(500, 30_000), unit: dice.chance(0.5) ? 'kg' : 'jin' },
				batch: `${year}-S${dice.int(1, 99)}`
			};
	}
}

function makeLog(
	dice: Dice,
	fields: BenchField[],
	inputs: InputRecord[],
	centres: Map<string, LogPoint>
): LogRecord {
	const type = dice.weighted(TYPE_WEIGHTS);
	const year = dice.pick(SEASONS);
	const [[m1, d1], [m2, d2]] = WINDOWS[type];
	const start = localDay(year, m1, d1);
	const days = Math.round((localDay(year, m2, d2) - start) / DAY);
	let at = start + dice.int(0, days) * DAY + Math.round(dice.float(5, 18) * 60) * 60_000;
	// nobody notes an observation before it is made
	if (type === 'observation' && at > NOW) at = NOW - dice.int(1, 60) * DAY;
	// most sales are of the whole farm's grain, not one field's
	const field = type === 'sale' && dice.chance(0.7) ? null : dice.pick(fields);
	// later than today: planned; a few past ones were planned and never marked done
	const status = at > NOW || dice.chance(0.02) ? 'planned' : 'done';
	const createdAt =
		status === 'planned'
			? Math.min(at, NOW) - dice.int(1, 20) * DAY
			: at + Math.round(dice.float(0, 6) * 60) * 60_000;
	const centre = field && centres.get(field.id);
	const point: LogPoint | undefined =
		centre && status === 'done' && dice.chance(0.6)
			? {
					lat: round(centre.lat + dice.float(-30, 30) / M_PER_DEG_LAT, 7),
					lng: round(centre.lng + dice.float(-30, 30) / M_PER_DEG_LNG, 7),
					accuracy: dice.int(3, 15)
				}
			: undefined;
	const notes = dice.chance(0.2) ? '' : dice.pick(NOTES[type]);
	const body = {
		type,
		fieldId: field?.id ?? null,
		status,
		at,
		notes,
		details: details(dice, type, field, inputs, year),
		...(point ? { point } : {}),
		...(status === 'done' && dice.chance(0.1)
			? { photos: Array.from({ length: dice.int(1, 3) }, () => dice.hex(32)) }
			: {})
	} satisfies Omit<LogRecord, keyof SyncedRecord>;
	return synced(uuidv7({ msecs: createdAt, random: dice.bytes(16) }), body, createdAt);
}

/** The fields alone (the map page needs no records). */
export function benchFields(count: number, seed = 1): BenchField[] {
	return makeFields(new Dice(seed), count);
}

/** The whole farm. Every record passes the form's own rules (validateLog), or this throws. */
export function benchFarm(fieldCount: number, logCount: number, seed = 1): BenchFarm {
	const fields = benchFields(fieldCount, seed);
	const dice = new Dice(seed + 1);
	const inputs = makeInputs(dice);
	const centres = new Map(
		fields.map((field) => {
			const corners = field.boundary.coordinates[0]?.slice(0, -1) ?? [];
			const mean = (axis: 0 | 1) =>
				corners.reduce((sum, corner) => sum + (corner[axis] ?? 0), 0) / corners.length;
			return [field.id, { lng: mean(0), lat: mean(1) }];
		})
	);
	const logs = Array.from({ length: logCount }, () => makeLog(dice, fields, inputs, centres));
	for (const log of logs) {
		const problems = validateLog(
			{ ...log, type: log.type as LogType, point: log.point ?? null, details: log.details ?? {} },
			NOW
		);
		if (Object.keys(problems).length)
			throw new Error(`generated log breaks the form's rules: ${JSON.stringify(problems)}`);
	}
	return { fields, inputs, logs };
}
