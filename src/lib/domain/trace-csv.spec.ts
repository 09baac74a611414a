import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allLogs,
	at,
	batches,
	f1,
	f2,
	inputs,
	partA,
	season
} from '../../../tests/fixtures/trace-season';
import { traceChain, type TraceEvent } from './trace';
import { TRACE_CSV_COLUMNS, traceCsv, traceCsvFileName, type TraceCsvWords } from './trace-csv';

const words: TraceCsvWords = {
	columns: {
		at: '日期时间',
		kind: '环节',
		field: '地块',
		lat: '纬度',
		lng: '经度',
		crop: '作物',
		variety: '品种',
		seedLot: '种子批号',
		product: '农资',
		registrationNo: '登记证号',
		amount: '用量',
		amountUnit: '用量单位',
		target: '防治对象',
		phiDays: '安全间隔期(天)',
		safeDay: '最早可收日期',
		phiRespected: '是否遵守安全间隔期',
		quantityKg: '重量(kg)',
		batch: '批次',
		from: '来自批次',
		buyer: '买家',
		details: '其他'
	},
	kind: (kind) =>
		({
			sowing: '播种',
			fertilizing: '施肥',
			spraying: '打药',
			observation: '田间观察',
			harvest: '收获',
			commissioning: '建批次',
			split: '分批',
			shipping: '出售'
		})[kind as string] ?? kind,
	kept: (kept) => (kept === null ? '不清楚' : kept ? '是' : '否'),
	option: (value) => ({ band: '条施', broadcast: '撒施' })[value] ?? value,
	details: (e: TraceEvent) =>
		[
			e.moisturePercent !== undefined ? `水分 ${e.moisturePercent}%` : '',
			e.lot ?? '',
			e.yieldEstimateKgPerMu !== undefined ? `测产 ${e.yieldEstimateKgPerMu} kg/亩` : ''
		]
			.filter(Boolean)
			.join('，')
};

/** A strict RFC 4180 reader (as in records-csv.spec.ts), to check the file reads back as meant. */
function parse(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	expect(quoted).toBe(false);
	expect(cell + row.join('')).toBe('');
	return rows;
}

const chain = traceChain(partA, batches, allLogs, [f1, f2], inputs);
const table = (csv: string) => {
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const [header, ...rows] = parse(csv.slice(1));
	return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])));
};

describe('the trace as CSV', () => {
	const rows = table(traceCsv(chain, words));

	it('has a header in the given words and a row per event, CRLF after each', () => {
		const csv = traceCsv(chain, words);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toHaveLength(chain.length + 2);
		expect(Object.keys(rows[0]!)).toEqual(TRACE_CSV_COLUMNS.map((c) => words.columns[c]));
		expect(rows.map((r) => r['环节'])).toEqual([
			'施肥',
			'播种',
			'施肥',
			'打药',
			'田间观察',
			'打药',
			'收获',
			'建批次',
			'分批',
			'出售'
		]);
	});

	it('says what was sprayed, how much, and whether the interval was kept', () => {
		const sprays = rows.filter((r) => r['环节'] === '打药');
		expect(sprays[1]).toMatchObject({
			日期时间: '2026-09-20 16:00',
			地块: '东大地',
			纬度: '44.91',
			经度: '127.15',
			农资: '40%稻瘟灵乳油',
			登记证号: 'PD20096839',
			用量: '100',
			用量单位: 'ml/亩',
			防治对象: '稻瘟病',
			'安全间隔期(天)': '14',
			最早可收日期: '2026-10-04',
			是否遵守安全间隔期: '否'
		});
		expect(sprays[0]!['是否遵守安全间隔期']).toBe('是');
	});

	it('gives the sowing, the harvest, the batches and the sale', () => {
		expect(rows[1]).toMatchObject({ 作物: '水稻', 品种: '稻花香2号', 种子批号: 'WC-2026-031' });
		expect(rows[2]).toMatchObject({ 农资: '尿素', 其他: '条施' });
		expect(rows[6]).toMatchObject({ '重量(kg)': '8000', 其他: '水分 22%，东大地-1' });
		expect(rows[7]).toMatchObject({ 批次: 'HL26-0001', '重量(kg)': '8000' });
		expect(rows[8]).toMatchObject({
			批次: 'HL26-0001A',
			来自批次: 'HL26-0001',
			'重量(kg)': '5000'
		});
		expect(rows[9]).toMatchObject({ 买家: '五常市稻香米业', '重量(kg)': '5000' });
	});

	it('leaves the price and the amount of a sale out: they are between the farmer and her buyer', () => {
		const csv = traceCsv(chain, words);
		expect(csv).not.toContain('3.17');
		expect(csv).not.toContain('15850');
	});

	it('can leave out the place and the buyer', () => {
		const hidden = table(traceCsv(chain, words, { location: 'omit', buyer: false }));
		expect(hidden.every((r) => r['纬度'] === '' && r['经度'] === '' && r['买家'] === '')).toBe(
			true
		);
	});

	it('keeps text typed as a formula from running, and quotes what needs it', () => {
		const sowing = {
			...season.sowing,
			details: { crop: '=HYPERLINK("http://x")', variety: '+1, "甜"' }
		};
		const field = { ...f1, name: '@东大地' };
		const csv = traceCsv(
			traceChain(partA, batches, [sowing, season.harvest], [field], inputs),
			words
		);
		const [row] = table(csv);
		expect(row).toMatchObject({
			作物: `'=HYPERLINK("http://x")`,
			品种: `'+1, "甜"`,
			地块: "'@东大地"
		});
	});
});

describe('the trace as CSV, any text', () => {
	it('reads back cell for cell, and no cell starts a formula', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.string(), (crop, variety, fieldName) => {
				const sowing = { ...season.sowing, details: { crop, variety } };
				const events = traceChain(partA, batches, [sowing], [{ ...f1, name: fieldName }], inputs);
				const [header, ...rows] = parse(traceCsv(events, words).slice(1));
				expect(rows).toHaveLength(events.length);
				for (const row of rows) expect(row).toHaveLength(header!.length);
				for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
				const sown = rows.find((r) => r[1] === '播种');
				const typed = crop.trim();
				if (sown && typed) expect(sown[5]).toBe(/^[=+\-@\t\r]/.test(typed) ? `'${typed}` : typed);
			})
		);
	});
});

describe('traceCsvFileName', () => {
	it('is dated in Heilongjiang and safe for any code', () => {
		expect(traceCsvFileName('HL26-0001A', at('2026-10-12T00:30'))).toBe(
			'heitu-trace-HL26-0001A-2026-10-12.csv'
		);
		expect(traceCsvFileName('../五常 1/2', at('2026-10-12T08:00'))).toBe(
			'heitu-trace-_五常_1_2-2026-10-12.csv'
		);
	});
});
