import { describe, expect, it } from 'vitest';
import type { LogRecord } from './records';
import {
	CSV_QUANTITY_KEYS,
	recordsCsv,
	recordsCsvFileName,
	type RecordsCsvWords
} from './records-csv';

const words: RecordsCsvWords = {
	columns: {
		at: '日期时间',
		type: '农事',
		status: '状态',
		field: '地块',
		details: '详情',
		lat: '纬度',
		lng: '经度',
		notes: '备注',
		photos: '照片数',
		id: '记录编号'
	},
	quantity: (key) => ({ value: key, unit: `${key}的单位` }),
	type: (type) => ({ fertilizing: '施肥', harvest: '收获', observation: '田间观察' })[type] ?? type,
	status: (status) => (status === 'done' ? '已做' : '计划'),
	option: (value) => ({ band: '条施' })[value] ?? value
};

let n = 0;
const log = (over: Partial<LogRecord>): LogRecord => ({
	id: `0193f0c2-0000-7000-8000-00000000000${n++}`,
	ownerId: '',
	hlc: '',
	clocks: {},
	deleted: false,
	createdAt: 0,
	updatedAt: 0,
	type: 'observation',
	fieldId: null,
	status: 'done',
	// 2026-05-09 16:30 UTC is already 10 May, 00:30 in Heilongjiang
	at: Date.UTC(2026, 4, 9, 16, 30),
	notes: '',
	...over
});

const fields = new Map([['f1', '东大地']]);
const inputs = new Map([['i1', '尿素']]);

/** A strict RFC 4180 reader, to check that what is written reads back as it was meant. */
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

const body = (csv: string) => parse(csv.slice(1));
const column = (rows: string[][], name: string) => rows[0]!.indexOf(name);

describe('records as CSV', () => {
	it('starts with a UTF-8 byte order mark and ends every line with CRLF', () => {
		const csv = recordsCsv([log({}), log({})], fields, inputs, words);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toHaveLength(4);
		expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
	});

	it('has the columns in the given words, with a value and a unit column per quantity', () => {
		const [header] = body(recordsCsv([], fields, inputs, words));
		expect(header).toEqual([
			'日期时间',
			'农事',
			'状态',
			'地块',
			'详情',
			...CSV_QUANTITY_KEYS.flatMap((key) => [key, `${key}的单位`]),
			'纬度',
			'经度',
			'备注',
			'照片数',
			'记录编号'
		]);
		expect(CSV_QUANTITY_KEYS).toEqual([
			'seedRate',
			'rate',
			'dose',
			'water',
			'yieldEstimate',
			'quantity',
			'moisture',
			'price',
			'amount'
		]);
	});

	it('carries a sale’s price and amount, each in its own columns with its unit', () => {
		const sold = log({
			type: 'sale',
			details: {
				buyer: '县粮库',
				quantity: { value: 1000, unit: 'jin' },
				price: { value: 1.2, unit: 'yuanPerJin' },
				amount: { value: 1200, unit: 'yuan' }
			}
		});
		const [header, row] = body(recordsCsv([sold], fields, inputs, words));
		const cell = (name: string) => row![column([header!], name)];
		expect([cell('price'), cell('price的单位')]).toEqual(['1.2', '元/斤']);
		expect([cell('amount'), cell('amount的单位')]).toEqual(['1200', '元']);
		expect(cell('详情')).toBe('县粮库 · 1000 斤 · 1.2 元/斤 · 1200.00 元');
	});

	it('writes a record as the farmer would read it, in Chinese and Heilongjiang time', () => {
		const fertilizing = log({
			type: 'fertilizing',
			fieldId: 'f1',
			status: 'planned',
			notes: '追肥，雨前施',
			point: { lat: 45.75, lng: 126.63, accuracy: 12 },
			photos: ['a', 'b'],
			details: { product: 'i1', rate: { value: 15, unit: 'kgPerMu' }, method: 'band' }
		});
		const [header, row] = body(recordsCsv([fertilizing], fields, inputs, words));
		const cell = (name: string) => row![column([header!], name)];
		expect(cell('日期时间')).toBe('2026-05-10 00:30');
		expect(cell('农事')).toBe('施肥');
		expect(cell('状态')).toBe('计划');
		expect(cell('地块')).toBe('东大地');
		expect(cell('详情')).toBe('尿素 · 15 kg/亩 · 条施');
		expect(cell('rate')).toBe('15');
		expect(cell('rate的单位')).toBe('kg/亩');
		expect(cell('dose')).toBe('');
		expect(cell('纬度')).toBe('45.75');
		expect(cell('经度')).toBe('126.63');
		expect(cell('备注')).toBe('追肥，雨前施');
		expect(cell('照片数')).toBe('2');
		expect(cell('记录编号')).toBe(fertilizing.id);
	});

	it('keeps 斤 as 斤, and leaves a record without a field, a point or photos blank there', () => {
		const harvest = log({ type: 'harvest', details: { quantity: { value: 1200, unit: 'jin' } } });
		const [header, row] = body(recordsCsv([harvest], fields, inputs, words));
		const cell = (name: string) => row![column([header!], name)];
		expect([cell('quantity'), cell('quantity的单位')]).toEqual(['1200', '斤']);
		expect([cell('地块'), cell('纬度'), cell('经度'), cell('照片数')]).toEqual(['', '', '', '0']);
	});

	it('quotes commas, quotes and line breaks, doubling the quotes', () => {
		const tricky = log({ notes: '东头先收, 西头后收\r\n说是"好粮"\n完' });
		const csv = recordsCsv([tricky], new Map([['f1', '河边地,北']]), inputs, words);
		expect(csv).toContain('"东头先收, 西头后收\r\n说是""好粮""\n完"');
		const [header, row] = body(csv);
		expect(row![column([header!], '备注')]).toBe('东头先收, 西头后收\r\n说是"好粮"\n完');
		// plain Chinese text needs no quotes (a full-width ，is not a separator)
		expect(recordsCsv([log({ notes: '追肥，雨前施' })], fields, inputs, words)).toContain(
			',追肥，雨前施,'
		);
	});

	it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
		const notes = ['=HYPERLINK("http://x","点我")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
		const rows = body(
			recordsCsv(
				notes.map((text) => log({ notes: text, fieldId: 'f1' })),
				new Map([['f1', '=1+1']]),
				inputs,
				words
			)
		);
		const at = column(rows, '备注');
		expect(rows.slice(1).map((r) => r[at])).toEqual(notes.map((text) => `'${text}`));
		expect(rows[1]![column(rows, '地块')]).toBe("'=1+1");
		// text that merely contains those characters is left alone
		expect(
			body(recordsCsv([log({ notes: '亩产 1200-1300 斤' })], fields, inputs, words))[1]
		).toContain('亩产 1200-1300 斤');
	});

	it('does not guard the numbers it writes itself', () => {
		const [header, row] = body(
			recordsCsv([log({ point: { lat: -33.9, lng: -70.6 } })], fields, inputs, words)
		);
		expect([row![column([header!], '纬度')], row![column([header!], '经度')]]).toEqual([
			'-33.9',
			'-70.6'
		]);
	});

	it('names the file by the day in Heilongjiang', () => {
		expect(recordsCsvFileName(Date.UTC(2026, 4, 9, 16, 30))).toBe('heitu-records-2026-05-10.csv');
		expect(recordsCsvFileName(Date.UTC(2026, 4, 9, 15, 59))).toBe('heitu-records-2026-05-09.csv');
	});
});
