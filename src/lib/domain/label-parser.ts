/**
 * Reads the fields of a Chinese fertilizer, pesticide or seed label out of OCR text (issue 7, part 3).
 *
 * The text is first repaired for what OCR gets wrong on such labels: spaces between Han characters, full-width
 * letters and punctuation, 一/—/－ between digits for '-', O/o for 0 and l/I/|/] for 1 inside numbers, ；/; after
 * a key for ':', 氯 read as 氧/氨/毛/和毛 next to 离子 or in 含氯(低氯). Then each field is looked for by its key
 * (净含量, 批号 …) or by its own format (PD20092345, XK13-001-03321, 15-15-15). A field not found stays null:
 * nothing is guessed. Words from the closed lists of label-terms.ts (formulations, active ingredients,
 * fertilizer names, toxicity classes) within a character or two of what was read are repaired, with a lower
 * confidence. Formats from ../shared/agronomy/facts.md §2.
 *
 * What OCR does to the layout is tolerated too (issue 20): two `key: value` pairs on one line are cut apart at
 * the second key; a key alone on its line takes the line below it (past noise lines of a few symbols), unless
 * it is one of a column of keys whose values were read elsewhere; a company name broken across two lines is
 * joined. In registration, licence numbers and dates, where the law allows only digits, letters read for
 * digits (O, l, I, S, B, Z) are digits, but the number must keep its legal shape. A batch is free text, so its
 * letters are left alone except where they are surely digits (repairBatch).
 *
 * Pure TypeScript: no DOM, no I/O; the same code runs in the browser and in Node.
 */
import {
	ACTIVE_INGREDIENTS,
	FERTILIZER_NAMES,
	FORMULATIONS,
	TOXICITY_CLASSES
} from './label-terms';

export type LabelKind = 'fertilizer' | 'pesticide' | 'seed';
export type Chlorine = 'none' | 'low' | 'medium' | 'high';

export interface LabelValues {
	productName: string;
	npk: string;
	totalNutrientPct: number;
	chlorine: Chlorine;
	fertilizerRegNo: string;
	licenceNo: string;
	netContent: string;
	manufacturer: string;
	/** ISO YYYY-MM-DD. */
	productionDate: string;
	batch: string;
	pesticideRegNo: string;
	activeIngredient: string;
	content: string;
	formulation: string;
	toxicity: string;
	phiDays: number;
	maxApplications: number;
}

export type FieldKey = keyof LabelValues;

export const FERTILIZER_FIELDS = [
	'productName',
	'npk',
	'totalNutrientPct',
	'chlorine',
	'fertilizerRegNo',
	'licenceNo',
	'netContent',
	'manufacturer',
	'productionDate',
	'batch'
] as const satisfies readonly FieldKey[];

export const PESTICIDE_FIELDS = [
	'productName',
	'pesticideRegNo',
	'activeIngredient',
	'content',
	'formulation',
	'toxicity',
	'phiDays',
	'maxApplications',
	'netContent',
	'manufacturer',
	'productionDate',
	'batch'
] as const satisfies readonly FieldKey[];

export const SEED_FIELDS = [
	'productName',
	'netContent',
	'manufacturer',
	'productionDate',
	'batch'
] as const satisfies readonly FieldKey[];

export const ALL_FIELDS: readonly FieldKey[] = [
	...new Set<FieldKey>([...FERTILIZER_FIELDS, ...PESTICIDE_FIELDS])
];

export interface Field<T> {
	value: T | null;
	/** 0–1: the OCR's confidence in the line it came from, times how sure the parse was. 0 when empty. */
	confidence: number;
}

export type LabelFields = { [K in FieldKey]: Field<LabelValues[K]> };

export interface ParsedLabel {
	kind: LabelKind | null;
	kindConfidence: number;
	fields: LabelFields;
}

export interface OcrLine {
	text: string;
	/** Tesseract's confidence for the line, 0–100. */
	confidence: number;
}

export interface ParseOptions {
	/** The OCR's lines with their confidence; when given, the text argument may be ''. */
	lines?: OcrLine[];
	/** Force the kind instead of detecting it. */
	kind?: LabelKind;
}

// ---------------------------------------------------------------------------------------------------------
// Text repair

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
const HAN_CHAR = new RegExp(`[${HAN}]`);
const HAN_SPACE_HAN = new RegExp(`([${HAN}])[ \\t\\u3000]+(?=[${HAN}])`, 'g');

/** Full-width ASCII to half-width, Chinese brackets and punctuation to their ASCII look-alikes. */
export function toHalfWidth(text: string): string {
	return text
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ')
		.replace(/[∶﹕︰]/g, ':')
		.replace(/[〈《【〔「]/g, '(')
		.replace(/[〉》】〕」]/g, ')')
		.replace(/[“”„‟″]/g, '"')
		.replace(/[‘’′]/g, "'")
		.replace(/[—–‐‑‒―−]/g, '-')
		.replace(/[％]/g, '%');
}

/** Characters OCR reads instead of a digit, and the digit they stand for. */
const DIGIT_LOOKALIKES: Record<string, string> = {
	O: '0',
	o: '0',
	Q: '0',
	D: '0',
	l: '1',
	I: '1',
	i: '1',
	'|': '1',
	']': '1',
	'[': '1',
	'!': '1',
	Z: '2',
	z: '2',
	S: '5',
	s: '5',
	B: '8',
	g: '9'
};

/** Only the safest look-alikes are repaired between two digits in running text. */
const SAFE_DIGIT_LOOKALIKES = /(?<=\d)[OoQlI|\]](?=\d)/g;

/** A token that must be all digits: every look-alike becomes its digit. */
export function digitsOnly(token: string): string {
	return [...token].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
}

/** Repairs one line of OCR text (see the module comment). */
export function normalizeLine(line: string): string {
	let s = toHalfWidth(line);
	// spaces between Han characters are an artefact of the OCR; do it twice for single characters
	s = s.replace(HAN_SPACE_HAN, '$1').replace(HAN_SPACE_HAN, '$1');
	// spaces between a Han character and ASCII punctuation or digits that belong to it
	s = s.replace(new RegExp(`([${HAN}])\\s+(?=[()%])`, 'g'), '$1');
	s = s.replace(new RegExp(`([()])\\s+(?=[${HAN}\\d])`, 'g'), '$1');
	s = s.replace(/\s*([:;])\s*/g, '$1');
	// Chinese 一 (one) or a dash look-alike between two ASCII letters/digits is a hyphen
	s = s.replace(/(?<=[A-Za-z0-9])\s*[一_~]\s*(?=[0-9])/g, '-');
	// "2025 - 01 - 15", "XK13-001- -02290": a run of hyphens and spaces between digits is one hyphen
	s = s.replace(/(?<=\d)\s*(?:-\s*)+(?=\d)/g, '-');
	s = s.replace(SAFE_DIGIT_LOOKALIKES, (c) => DIGIT_LOOKALIKES[c]!);
	s = s.replace(SAFE_DIGIT_LOOKALIKES, (c) => DIGIT_LOOKALIKES[c]!);
	// 氯 (chlorine) is often read as 和毛 or 氧/氨/毛/氮/氢 in the chlorine statement
	s = s.replace(/和[毛氯]/g, '氯');
	s = s.replace(/[氧氨毛氮氢]离子/g, '氯离子').replace(/[和]?氯离子/g, '氯离子');
	s = s.replace(/含[氧氨毛氮氢]\(/g, '含氯(').replace(/\(([低中高])[氧氨毛氮氢]\)/g, '($1氯)');
	s = s.replace(/(氯离子[:;]?)(无|含)[氧氨毛氮氢]/g, '$1$2氯');
	return s.replace(/\s+/g, ' ').trim();
}

/** Text with every space removed, except between two Latin letters or digits. */
export function compact(value: string): string {
	return value.replace(/\s+/g, (space, at: number, all: string) =>
		/[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + space.length] ?? '')
			? ' '
			: ''
	);
}

// ---------------------------------------------------------------------------------------------------------
// Words from the closed lists

export function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const row = [i];
		for (let j = 1; j <= y.length; j++)
			row[j] = Math.min(
				prev[j]! + 1,
				row[j - 1]! + 1,
				prev[j - 1]! + substitutionCost(x[i - 1], y[j - 1])
			);
		prev = row;
	}
	return prev[y.length]!;
}

/**
 * Characters chi_sim reads instead of the right one on label print (read → meant), seen on the fixture photos;
 * such a substitution costs half, so that 喀菌酯 becomes 嘧菌酯 and not 肟菌酯.
 */
const CONFUSIONS: Record<string, string> = {
	喀: '嘧',
	密: '嘧',
	唆: '噻',
	哄: '噻',
	叶: '喹',
	蜂: '喹',
	齐: '剂',
	挨: '掺',
	捧: '掺',
	摊: '掺',
	控: '掺',
	搀: '掺',
	氧: '氯',
	氨: '氯',
	毛: '氯',
	氢: '氯',
	氮: '氯',
	癌: '瘟',
	葵: '苯',
	茶: '苯',
	菏: '苯',
	合: '含',
	最: '量'
};

function substitutionCost(read: string | undefined, meant: string | undefined): number {
	if (read === meant) return 0;
	return read !== undefined && CONFUSIONS[read] === meant ? 0.5 : 1;
}

/** Allowed misread characters for a word of this many characters. */
function tolerance(length: number): number {
	return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

interface TermMatch {
	term: string;
	distance: number;
}

/** The one listed word nearest to `read`, when it is near enough and no other word is as near. */
export function nearestTerm(read: string, terms: readonly string[]): TermMatch | null {
	let best: TermMatch | null = null;
	let tie = false;
	for (const term of terms) {
		const d = editDistance(read, term);
		if (d > tolerance([...term].length)) continue;
		if (!best || d < best.distance) {
			best = { term, distance: d };
			tie = false;
		} else if (d === best.distance && term !== best.term) tie = true;
	}
	return best && !tie ? best : null;
}

/** Repairs the end of a name with the listed word it nearly ends with (same length, few changed characters). */
export function repairSuffix(read: string, terms: readonly string[]): TermMatch | null {
	const chars = [...read];
	let best: (TermMatch & { length: number }) | null = null;
	let tie = false;
	for (const term of terms) {
		const t = [...term];
		if (t.length > chars.length || t.length < 2) continue;
		const tail = chars.slice(chars.length - t.length);
		let d = 0;
		for (let i = 0; i < t.length; i++) d += substitutionCost(tail[i], t[i]);
		if (d > (t.length <= 2 ? 0 : 1)) continue;
		const candidate = {
			term: chars.slice(0, chars.length - t.length).join('') + term,
			distance: d,
			length: t.length
		};
		if (!best || d < best.distance || (d === best.distance && t.length > best.length)) {
			best = candidate;
			tie = false;
		} else if (d === best.distance && t.length === best.length && candidate.term !== best.term)
			tie = true;
	}
	// two listed words as near (挫混肥料: 复混 or 掺混?) is no repair: the name stays as read
	return best && !tie ? { term: best.term, distance: best.distance } : null;
}

/** The formulation a piece of text ends with (exactly or within one character), and where it starts. */
function trailingFormulation(
	text: string
): { formulation: string; at: number; distance: number } | null {
	const chars = [...text];
	for (const distanceAllowed of [0, 1]) {
		for (const term of FORMULATIONS) {
			const t = [...term];
			if (t.length > chars.length) continue;
			if (distanceAllowed && t.length < 3) continue;
			const tail = chars.slice(chars.length - t.length);
			let d = 0;
			for (let i = 0; i < t.length; i++) d += substitutionCost(tail[i], t[i]);
			if (d <= distanceAllowed)
				return { formulation: term, at: chars.length - t.length, distance: d };
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------------------
// Field patterns

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/**
 * A digit or a letter OCR reads for one (O/o/Q 0, l/I/|/] 1, S 5, B 8, Z 2), for the places where the law
 * fixes that only digits stand: the digits of a registration or licence number and of a date.
 */
const D = '[0-9OoQlI|\\]SBZ]';
/**
 * 肥料登记证号 (农业农村部 肥料登记管理办法): [province]农肥(year)准字/临字 number 号, 微生物肥(year)准字(number)号.
 * Read on the line without spaces; OCR drops the brackets or misreads 号 (品, 亏, 弓 …), so both may be
 * missing, but then the number must have its full four digits.
 */
const FERT_REG = new RegExp(
	`([${PROVINCES}]?(?:微生物肥|农肥))\\(?(${D}{4})\\)?([准临])字(\\()?(?:(${D}{3,6})\\)?号|(${D}{4})\\)?(?![0-9OoQlI|\\]SBZ]))`
);
/** 生产许可证 of a fertilizer: XK + two digits (product class) - three (maker) - five; separators are often misread. */
const LICENCE = new RegExp(
	`X\\s*K\\s*(${D}{2})[\\s\\-.·_~一]*(${D}{3})[\\s\\-.·_~一]*(${D}{5})(?![0-9])`,
	'i'
);
/**
 * 农药登记证号: PD (正式), PDN, LS (临时), WP/WL (卫生用) and digits; today eight (year + serial), older ones
 * five to six. Read on the line without spaces.
 */
const PESTICIDE_REG = /(PDN?|WP|LS|WL)([0-9]{5,10})(?![0-9OoQlI|\]SBZ])/;
const PESTICIDE_REG_REPAIRED = new RegExp(`(PDN?|WP|LS|WL)(${D}{8})(?![0-9])`);
const NPK =
	/(?<![0-9A-Za-z.\-/])(\d{1,2}(?:\.\d)?)-(\d{1,2}(?:\.\d)?)-(\d{1,2}(?:\.\d)?)(?![0-9-])/g;
const YEAR = `((?:19|20|2O|2o|Z0)${D}{2})`;
const DATE = new RegExp(
	`${YEAR}\\s*(?:年|[-./])\\s*(${D}{1,2})\\s*(?:月|[-./])\\s*(${D}{1,2})(?![0-9])\\s*日?`
);
/** "2025/0122": the separator between month and day lost; only with two digits each. */
const DATE_MONTH_DAY_JOINED = new RegExp(`${YEAR}\\s*[-./年]\\s*(${D}{2})(${D}{2})(?![0-9])`);
const COMPACT_DATE = /(?<![0-9])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![0-9])/;
// "kE", "k9", "kq": the g of kg misread
const NET = /(\d+(?:\.\d+)?)\s*(kg|KG|Kg|k[Eeq9]|千克|公斤|g|克|mL|ml|ML|毫升|L|升)/;
const CONTENT = /(\d+(?:\.\d+)?)\s*(%|克\/升|g\/L|克\/千克|g\/kg|亿[A-Za-z]*\/[克毫升g])/;

interface Line {
	text: string;
	/** 0–1 */
	ocr: number;
}

/** A field value found, before it becomes a Field: the line's OCR confidence times parse certainty. */
function found<T>(value: T, line: Line | null, certainty: number): Field<T> {
	const ocr = line ? line.ocr : 0.8;
	return { value, confidence: Math.round(Math.min(1, Math.max(0, ocr * certainty)) * 100) / 100 };
}

const empty = <T>(): Field<T> => ({ value: null, confidence: 0 });

interface KeyHit {
	line: Line;
	/** Text after the key and its separator. */
	value: string;
	/** 1 when the key was read exactly, less when recognised from a misread form. */
	certainty: number;
	index: number;
}

/**
 * The keys printed on Chinese fertilizer and pesticide labels (GB 18382 肥料标识, NY 608 / 农药标签和说明书管理办法),
 * as they read on a line without spaces. Used to tell where one `key: value` pair ends and the next begins
 * when OCR put two on one line, and whether a line is a key of its own.
 */
const ANY_KEY =
	/(产品名称|商品名称|通用名称|品种名称|养分含量|执行标准|产品标准号?|氯离子|肥料登记证号|农药(?:临时)?登记证号|登记证号|农药生产许可证号?|生产许可证号?|净含量|生产日期|出厂日期|生产批号|批号|生产企业|生产厂家|生产商|企业名称|登记证持有人|地址|电话|传真|邮编|网址|有效成分及其?含量|剂型|毒性|有效期|质量保证期|适用作物|用药量|使用方法|注意事项)/;
const KEY_SEPARATOR = /^[\s:;.,，、"'/]*/;

/** A line of a few stray symbols or letters: no Han character, no digit. */
function isNoise(text: string): boolean {
	const t = text.replace(/\s+/g, '');
	return !HAN_CHAR.test(t) && !/\d/.test(t) && t.length <= 6;
}

/** A line that is nothing but a key (and its colon): its value is elsewhere. */
function isBareKey(text: string): boolean {
	const t = text.replace(/\s+/g, '');
	const m = ANY_KEY.exec(t);
	return !!m && m.index <= 1 && !t.slice(m.index + m[0].length).replace(KEY_SEPARATOR, '');
}

/**
 * A second key on the line: one followed by its colon, or set off by a space (OCR keeps spaces only next to
 * Latin letters and digits). A key word run into a name ("…生产商贸有限公司") is part of the name.
 */
const NEXT_KEY = new RegExp(`(?:(?<=\\s)${ANY_KEY.source}|${ANY_KEY.source}(?=\\s*[:;]))`);

/** A value up to the next key on its line ("净含量:40kg 批号:250312"). */
function upToNextKey(value: string): string {
	const next = NEXT_KEY.exec(value);
	return (next ? value.slice(0, next.index) : value).trim();
}

/** The value after a key, up to the next key on the line. */
function valueAfterKey(rest: string): string {
	let value = rest.replace(KEY_SEPARATOR, '');
	// "生产日期/批号: 250312": two keys share the value that follows them
	const shared = ANY_KEY.exec(value);
	if (shared && shared.index === 0)
		value = value.slice(shared[0].length).replace(KEY_SEPARATOR, '');
	return upToNextKey(value);
}

/**
 * The line below a key that stands alone, skipping noise lines, when that line is no key itself. Not when
 * the line above is a bare key too: such a run of keys is a column read apart from its values, which cannot
 * be lined up with them.
 */
function valueBelow(lines: Line[], index: number): { line: Line; value: string } | null {
	let above = index - 1;
	while (above >= 0 && isNoise(lines[above]!.text)) above--;
	if (above >= 0 && isBareKey(lines[above]!.text)) return null;
	let below = index + 1;
	while (below < lines.length && below <= index + 3 && isNoise(lines[below]!.text)) below++;
	const line = lines[below];
	if (!line || below > index + 3 || isBareKey(line.text)) return null;
	const key = ANY_KEY.exec(line.text.replace(/\s+/g, ''));
	if (key && key.index <= 1) return null;
	return { line, value: upToNextKey(line.text) };
}

/**
 * Finds `key: value` on a line, or a key alone on its line with the value below it; `keys` are regexes tried
 * on the line, best (exact) first. A key with no value anywhere is returned with an empty value, unless the
 * same key appears again with one.
 */
function keyed(lines: Line[], keys: RegExp[], from = 0): KeyHit | null {
	let bare: KeyHit | null = null;
	for (let k = 0; k < keys.length; k++) {
		const certainty = k === 0 ? 1 : 0.85;
		for (let i = from; i < lines.length; i++) {
			const line = lines[i]!;
			const m = keys[k]!.exec(line.text);
			if (!m) continue;
			const value = valueAfterKey(line.text.slice(m.index + m[0].length));
			if (value && !isNoise(value)) return { line, value, certainty, index: i };
			const below = valueBelow(lines, i);
			if (below) return { ...below, certainty: certainty * 0.9, index: i };
			bare ??= { line, value: '', certainty, index: i };
		}
		// the key was read, with no value: a looser form of it would only match the same line again
		if (bare) return bare;
	}
	return null;
}

function isoDate(y: string, m: string, d: string): string | null {
	const year = Number(digitsOnly(y));
	const month = Number(digitsOnly(m));
	const day = Number(digitsOnly(d));
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
	if (year < 1990 || year > 2099) return null;
	if (month < 1 || month > 12 || day < 1 || day > 31) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1) return null;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readDate(text: string): string | null {
	// without the spaces first: "2025-01-1 5" must not read as the 1st
	return readDateAsSpaced(text.replace(/\s+/g, '')) ?? readDateAsSpaced(text);
}

/** One reading of a date; spaces allowed around the separators only. */
function readDateAsSpaced(text: string): string | null {
	const m = DATE.exec(text);
	if (m) return isoDate(m[1]!, m[2]!, m[3]!);
	const j = DATE_MONTH_DAY_JOINED.exec(text);
	if (j) return isoDate(j[1]!, j[2]!, j[3]!);
	const c = COMPACT_DATE.exec(text);
	return c ? isoDate(c[1]!, c[2]!, c[3]!) : null;
}

const CHINESE_NUMBERS: Record<string, number> = {
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9,
	十: 10
};

function smallNumber(text: string): number | null {
	if (/^\d+$/.test(text)) return Number(text);
	return CHINESE_NUMBERS[text] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The parser

function detectKind(all: string): { kind: LabelKind | null; confidence: number } {
	const score = (patterns: RegExp[]) => patterns.filter((p) => p.test(all)).length;
	const pesticide = score([
		/(PD|WP|LS|WL)\d{5}/,
		/农药/,
		/有效成分/,
		/剂型/,
		/毒性|低毒|微毒|中等毒|高毒|剧毒/,
		/安全间隔期/,
		/(除草|杀虫|杀菌)剂/
	]);
	const fertilizer = score([
		/农肥/,
		/养分/,
		/肥料|尿素|磷酸[一二]铵|[氯硫]化?[酸]?钾/,
		/XK\d{2}-/,
		/氯离子|无氯|含氯/,
		/N-?P/
	]);
	const seed = score([/品种/, /审定编号|审[玉稻豆麦]\d/, /种子/, /发芽率|纯度|净度/]);
	const best = Math.max(pesticide, fertilizer, seed);
	if (best === 0) return { kind: null, confidence: 0 };
	const kind: LabelKind =
		pesticide === best ? 'pesticide' : fertilizer === best ? 'fertilizer' : 'seed';
	const second = [pesticide, fertilizer, seed].sort((a, b) => b - a)[1]!;
	return { kind, confidence: Math.min(1, (best - second) / 3 + 0.4) };
}

const COMPANY_NAME = '[\\u3400-\\u9fffA-Za-z0-9()]{2,40}?';
const LEGAL_FORMS = '有限责任公司|股份有限公司|有限.任公司|有限公司|集团公司|公司|厂';
const COMPANY = new RegExp(`(${COMPANY_NAME}(?:${LEGAL_FORMS}|有限公(?!司)))`);
/** After its key a maker may also be a 集团 (group) without a legal form after it. */
const KEYED_COMPANY = new RegExp(
	`(${COMPANY_NAME}(?:${LEGAL_FORMS}|有限公(?!司)|集团(?![\\u3400-\\u9fff]*(?:公司|厂))))`
);

const COMPANY_SUFFIXES = ['有限责任公司', '股份有限公司', '有限公司', '集团公司'];
/** A registered body that is no company: a co-operative, an institute, a centre or station. */
const ORGANISATION = new RegExp(
	`^[${HAN}()（）]{2,40}(?:合作社|研究所|研究院|科学院|中心|站|集团|厂|公司)$`
);

/** "…有限贵任公司" → "…有限责任公司": the legal-form ending is a closed list. */
function repairCompany(name: string): { name: string; certainty: number } {
	if (
		COMPANY_SUFFIXES.some((suffix) => name.endsWith(suffix)) ||
		name.endsWith('厂') ||
		name.endsWith('集团')
	)
		return { name, certainty: 1 };
	// the last character lost at the edge of the label or run into 电话
	if (name.endsWith('有限公')) return { name: `${name}司`, certainty: 0.8 };
	const repaired = repairSuffix(name, COMPANY_SUFFIXES);
	return repaired ? { name: repaired.term, certainty: 0.85 } : { name, certainty: 1 };
}

/**
 * A company name in `text`, or one broken across it and the next line ("…肥业有" / "限公司"): the next line
 * is joined only when it is no key, and then the name must end in it with a legal form. Without a key
 * (`keyed` false) only a line of Han characters is joined, and only to a tail that is no name by itself.
 */
function companyIn(
	lines: Line[],
	index: number,
	text: string,
	keyed: boolean
): { name: string; certainty: number } | null {
	const pattern = keyed ? KEYED_COMPANY : COMPANY;
	const own = compact(text);
	const whole = pattern.exec(own);
	if (whole && !whole[1]!.endsWith('有限公')) return repairCompany(stripJunk(whole[1]!));
	let n = index + 1;
	while (n < lines.length && isNoise(lines[n]!.text)) n++;
	const next = lines[n];
	const nextKey = next && ANY_KEY.exec(next.text.replace(/\s+/g, ''));
	if (next && !(nextKey && nextKey.index <= 1) && !/^[^:;]{0,3}[:;]/.test(next.text)) {
		// the tail of the name, up to a key that follows it on its line ("公司 电话: …")
		const tail = compact(next.text).split(ANY_KEY)[0]!;
		const joined = pattern.exec(own + tail);
		const joinable = keyed || (new RegExp(`^[${HAN}]{2,}$`).test(own) && !COMPANY.test(tail));
		if (
			joinable &&
			joined &&
			joined.index + joined[1]!.length > own.length &&
			joined.index < own.length
		) {
			const repaired = repairCompany(stripJunk(joined[1]!));
			return { name: repaired.name, certainty: repaired.certainty * 0.9 };
		}
	}
	return whole ? repairCompany(stripJunk(whole[1]!)) : null;
}

function readManufacturer(lines: Line[]): Field<string> {
	const hit = keyed(lines, [
		/(生产企业|生产厂家|生产商|生产者|登记证持有人|企业名称|制造商|生产单位)/,
		/(生产[企全]业|[企全]业名称)/
	]);
	if (hit) {
		const at = lines.indexOf(hit.line);
		const company = companyIn(lines, at, hit.value, true);
		if (company) return found(company.name, hit.line, hit.certainty * company.certainty);
		const plain = stripJunk(compact(hit.value).split(/电话|地址|TEL|Tel|tel/)[0]!);
		// a maker that is no company (a co-operative, an institute, a station) only on the key's own line
		// (below it, it could be anything), and only when it ends in its kind of body: a registered name
		// ends with its organisational form (企业名称登记管理规定), so a name without one was misread
		if (at === hit.index && ORGANISATION.test(plain))
			return found(plain, hit.line, hit.certainty * 0.8);
	}
	for (const [i, line] of lines.entries()) {
		if (/地址|地 址/.test(line.text)) continue;
		const company = companyIn(lines, i, line.text, false);
		if (company) return found(company.name, line, 0.9 * company.certainty);
	}
	return empty();
}

/** Drops a stray key fragment or symbol that the OCR put in front of a value. */
function stripJunk(value: string): string {
	return value.replace(/^[^A-Za-z0-9\u3400-\u9fff(]+/, '').replace(/^[:;.,，。"'、]+/, '');
}

function readNetContent(lines: Line[]): Field<string> {
	const hit = keyed(lines, [
		/净含量/,
		// 净 misread (争, 泽 …): "?含量:" at the start of a line that is no 养分含量 or 成分及含量
		/净[含合舍][量最重]|^净.{0,2}[:;]|净重|^(?![分及效养])[\u3400-\u9fff]含[量最][:;]/
	]);
	if (!hit) return empty();
	const m = NET.exec(hit.value);
	if (!m) return empty();
	const unit = m[2]!;
	const normalUnit = /^k[gEeq9]$/i.test(unit) ? 'kg' : /^ml$/i.test(unit) ? 'mL' : unit;
	return found(`${m[1]}${normalUnit}`, hit.line, hit.certainty);
}

/**
 * A batch is the maker's free text of letters and digits, so a letter in it may be meant: only two repairs are
 * safe. A look-alike between two digits (normalizeLine) is a digit, since a maker does not put a lone O or l
 * inside a run of digits that would read the same. And where letters read as digits make the label's own
 * production date (YYYYMMDD, YYMMDD or MMDD), that part is the date: batch numbers carry it, and a date that
 * matches by chance is far less likely than the OCR's O for 0 ("SJO122" made on 01-22 is SJ0122).
 */
export function repairBatch(batch: string, productionDate: string | null): string {
	if (!productionDate || !/[OoQlISBZ]/.test(batch)) return batch;
	const [y, m, d] = productionDate.split('-') as [string, string, string];
	for (const shape of [`${y}${m}${d}`, `${y.slice(2)}${m}${d}`, `${m}${d}`]) {
		for (let i = 0; i + shape.length <= batch.length; i++) {
			const part = batch.slice(i, i + shape.length);
			if (part !== shape && /[OoQlISBZ]/.test(part) && digitsOnly(part) === shape)
				return batch.slice(0, i) + shape + batch.slice(i + shape.length);
		}
	}
	return batch;
}

function readBatch(lines: Line[], productionDate: string | null): Field<string> {
	const hit = keyed(lines, [/(生产批号|批号|批次号|批次)/, /[批][号兮亏]|[扯北]号|^号(?=[:;])/]);
	if (!hit) return empty();
	// a stray mark read before the code ("上K241030") is dropped: batch codes are letters and digits
	const m = /[A-Za-z0-9][A-Za-z0-9-]*/.exec(hit.value.replace(/\s+/g, ''));
	if (!m) return empty();
	const read = m[0].replace(/-+$/, '');
	// below its key a batch must be the whole line: a lone code, not words of another field
	if (lines.indexOf(hit.line) !== hit.index && read !== hit.value.replace(/\s+/g, ''))
		return empty();
	const batch = repairBatch(read, productionDate);
	return found(batch, hit.line, hit.certainty * (batch === read ? 1 : 0.85));
}

function readProductionDate(lines: Line[]): Field<string> {
	const hit = keyed(lines, [/(生产日期|生产时间|出厂日期)/, /生产.?[期其朋]|日期/]);
	if (hit) {
		const iso = readDate(hit.value);
		if (iso) return found(iso, hit.line, hit.certainty);
	}
	return empty();
}

function readFertilizerReg(lines: Line[]): Field<string> {
	for (const line of lines) {
		const m = FERT_REG.exec(line.text.replace(/\s+/g, ''));
		if (!m) continue;
		const year = digitsOnly(m[2]!);
		if (!/^(19|20)\d\d$/.test(year)) continue;
		const number = digitsOnly(m[5] ?? m[6]!);
		// 微生物肥 numbers are printed in brackets: kept as printed when the bracket was read
		const printed = m[4] ? `(${number})` : number;
		const whole = m[5] !== undefined && /\(\d{4}\)/.test(m[0]);
		const exact = whole && m[0] === m[0].replace(/[OoQlI|\]SBZ]/g, '');
		return found(`${m[1]}(${year})${m[3]}字${printed}号`, line, exact ? 1 : 0.85);
	}
	return empty();
}

function readLicence(lines: Line[]): Field<string> {
	for (const line of lines) {
		const m = LICENCE.exec(line.text.replace(/\s+/g, ''));
		// a few letters for digits, not a run of letters that happens to have the length
		const letters = m ? (m[1]! + m[2]! + m[3]!).replace(/[0-9]/g, '').length : 0;
		if (m && letters <= 5)
			return found(
				`XK${digitsOnly(m[1]!)}-${digitsOnly(m[2]!)}-${digitsOnly(m[3]!)}`,
				line,
				/XK\d{2}-\d{3}-\d{5}/.test(line.text) ? 1 : 0.85
			);
	}
	return empty();
}

function readPesticideReg(lines: Line[]): Field<string> {
	for (const line of lines) {
		const t = line.text.replace(/\s+/g, '');
		const m = PESTICIDE_REG.exec(t);
		if (m) return found(`${m[1]}${m[2]}`, line, 1);
	}
	// a letter for a digit: taken only in the eight-character form, whose first four are a year
	for (const line of lines) {
		const m = PESTICIDE_REG_REPAIRED.exec(line.text.replace(/\s+/g, ''));
		const digits = m && digitsOnly(m[2]!);
		const letters = m ? m[2]!.replace(/[0-9]/g, '').length : 0;
		if (m && digits && letters <= 4 && /^(19|20)\d{6}$/.test(digits))
			return found(`${m[1]}${digits}`, line, 0.85);
	}
	// after its own key, "P0…" or "PO…" is PD with the D read as a zero
	const hit = keyed(lines, [/登记证号/]);
	const loose = hit && /^P[0O]([0-9OolI|\]]{8})(?![0-9])/.exec(hit.value.replace(/\s+/g, ''));
	if (hit && loose) return found(`PD${digitsOnly(loose[1]!)}`, hit.line, 0.75);
	return empty();
}

interface Npk {
	grade: Field<string>;
	parts: [number, number, number] | null;
}

function readNpk(lines: Line[]): Npk {
	let best: {
		line: Line;
		text: string;
		parts: [number, number, number];
		certainty: number;
	} | null = null;
	for (const line of lines) {
		const keyedLine = /养分|N-?P|\(\d/.test(line.text);
		for (const m of line.text.matchAll(NPK)) {
			const parts = [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number];
			const sum = parts[0] + parts[1] + parts[2];
			if (sum <= 0 || sum > 100 || parts.some((p) => p > 65)) continue;
			const certainty = keyedLine ? 1 : 0.9;
			if (!best || certainty > best.certainty)
				best = { line, text: `${m[1]}-${m[2]}-${m[3]}`, parts, certainty };
		}
	}
	if (!best) return { grade: empty(), parts: null };
	return { grade: found(best.text, best.line, best.certainty), parts: best.parts };
}

function readTotalNutrient(lines: Line[], npk: Npk): Field<number> {
	const sum = npk.parts ? Math.round((npk.parts[0] + npk.parts[1] + npk.parts[2]) * 10) / 10 : null;
	const candidates: Field<number>[] = [];
	for (const line of lines) {
		const m = /总养分[^0-9]{0,4}(\d{1,4}(?:\.\d)?)\s*(%|96|9o)?/.exec(
			line.text.replace(/\s+/g, '')
		);
		if (!m) continue;
		const digits = m[1]!;
		const value = Number(digits);
		let certainty = m[2] === '%' ? 1 : 0.8;
		if (value > 0 && value <= 100) {
			// the grade's sum is the total nutrient (facts.md §2): a reading that agrees with it is trusted
			if (sum !== null && Math.abs(sum - value) < 0.05) certainty = 1;
			else if (sum !== null) certainty *= 0.6;
			candidates.push(found(value, line, certainty));
		} else if (sum !== null && !digits.includes('.')) {
			// "≥48%" read as "489%", "255" or "245": ≥ or % became a digit. Only a reading that drops such a
			// digit and then equals the grade's sum is taken; nothing else is made up.
			const readings = [digits.slice(0, -1), digits.slice(0, -2), digits.slice(1)];
			if (readings.some((r) => r && Number(r) === sum)) candidates.push(found(sum, line, 0.7));
		}
	}
	candidates.sort((a, b) => b.confidence - a.confidence);
	return candidates[0] ?? empty();
}

function readChlorine(lines: Line[]): Field<Chlorine> {
	for (const line of lines) {
		const t = line.text.replace(/\s+/g, '');
		// 氯 is misread in many ways (氧, 氨, 所, 氟 …); 离子 on a fertilizer label is the chlorine statement
		const statement = /(?:氯离子|含氯量|氯含量|^.?离子)[:;]?(.{0,10})/.exec(t);
		const text = statement ? statement[1]! : /(无氯|含氯\([低中高]氯?\)|[低中高]氯)/.exec(t)?.[1];
		if (text === undefined) continue;
		const certainty = statement ? 1 : 0.9;
		const exact = /氯/.test(text) ? 1 : 0.8;
		if (/^无/.test(text) || /无氯/.test(text)) return found('none', line, certainty * exact);
		if (/低/.test(text)) return found('low', line, certainty * exact);
		if (/中/.test(text)) return found('medium', line, certainty * exact);
		if (/高/.test(text)) return found('high', line, certainty * exact);
	}
	return empty();
}

function readFertilizerName(lines: Line[]): Field<string> {
	const hit = keyed(lines, [/(产品名称|商品名称|通用名称)/, /(产品名|品名称|名称)/]);
	if (!hit) return empty();
	let name = compact(hit.value)
		.replace(/^[^\u3400-\u9fffA-Za-z0-9]+/, '')
		.split(/[:;]/)[0]!
		.trim();
	if (!name) return empty();
	let certainty = hit.certainty;
	if (!FERTILIZER_NAMES.some((n) => name.endsWith(n))) {
		const repaired = repairSuffix(name, FERTILIZER_NAMES);
		if (repaired) {
			name = repaired.term;
			certainty *= 0.75;
		} else certainty *= 0.8;
	}
	return found(name, hit.line, certainty);
}

interface Ingredient {
	name: string;
	content: string;
	line: Line;
	certainty: number;
}

/** "烟嘧磺隆 4%" or "4%烟嘧磺隆" after 有效成分及含量. */
function readIngredientLine(lines: Line[]): Ingredient | null {
	const hit = keyed(lines, [/有效成分(及其?含量)?|有效成分含量/, /[有]?效成分|成分及含量/]);
	if (!hit) return null;
	const value = compact(hit.value);
	const content = CONTENT.exec(value);
	const name = value
		.replace(CONTENT, '')
		.replace(/[^\u3400-\u9fff0-9,·-]/g, '')
		.replace(/^[0-9,]+|[0-9,]+$/g, '');
	if (!name && !content) return null;
	return {
		name,
		content: content ? `${content[1]}${content[2]}` : '',
		line: hit.line,
		certainty: hit.certainty
	};
}

interface Title {
	content: string;
	ingredient: string;
	formulation: string;
	line: Line;
	certainty: number;
}

/** The big product name line: 含量 + 有效成分 + 剂型, e.g. "25%嘧菌酯悬浮剂". */
function readPesticideTitle(lines: Line[]): Title | null {
	for (const line of lines) {
		if (/有效成分|剂型[:;]|含量[:;]|登记/.test(line.text)) continue;
		const t = compact(line.text)
			// a stray digit after the per-cent sign ("4%6烟嘧磺隆")
			.replace(/(\d%)\d(?=[\u3400-\u9fff])/, '$1');
		const m = /(\d+(?:\.\d+)?)(%|克\/升|g\/L)([\u3400-\u9fff0-9·,-]{2,24})/.exec(t);
		if (!m) continue;
		const rest = m[3]!;
		const form = trailingFormulation(rest);
		if (!form || form.at === 0) continue;
		const ingredient = [...rest].slice(0, form.at).join('');
		return {
			content: `${m[1]}${m[2]}`,
			ingredient,
			formulation: form.formulation,
			line,
			certainty: form.distance ? 0.85 : 1
		};
	}
	return null;
}

function repairIngredient(read: string): { name: string; certainty: number } {
	if (ACTIVE_INGREDIENTS.includes(read)) return { name: read, certainty: 1 };
	const near = nearestTerm(read, ACTIVE_INGREDIENTS);
	if (near) return { name: near.term, certainty: near.distance <= 1 ? 0.8 : 0.65 };
	return { name: read, certainty: 0.7 };
}

function readFormulation(lines: Line[]): Field<string> {
	const hit = keyed(lines, [/剂型/, /[剂齐]型/]);
	if (!hit) return empty();
	const value = compact(hit.value).replace(/[^\u3400-\u9fff]/g, '');
	if (!value) return empty();
	if (FORMULATIONS.includes(value)) return found(value, hit.line, hit.certainty);
	const near = nearestTerm(value, FORMULATIONS);
	if (near) return found(near.term, hit.line, hit.certainty * 0.8);
	return found(value, hit.line, hit.certainty * 0.6);
}

function readToxicity(lines: Line[]): Field<string> {
	const hit = keyed(lines, [/毒性/, /[毒][性生]/]);
	const pick = (text: string): { value: string; exact: boolean } | null => {
		const t = text.replace(/\s+/g, '');
		const exact = TOXICITY_CLASSES.find((c) => t.startsWith(c) || t.includes(`(${c}`));
		if (exact) return { value: exact, exact: true };
		const first = /^(.{1,2})毒/.exec(t);
		if (first) {
			const near = nearestTerm(`${first[1]}毒`, TOXICITY_CLASSES);
			if (near) return { value: near.term, exact: false };
		}
		return null;
	};
	if (hit) {
		const p = pick(hit.value);
		if (p) return found(p.value, hit.line, hit.certainty * (p.exact ? 1 : 0.7));
	}
	for (const line of lines) {
		const t = line.text.replace(/\s+/g, '');
		const m = /(剧毒|高毒|中等毒|低毒|微毒)/.exec(t);
		if (m && !/毒性/.test(t)) return found(m[1]!, line, 0.85);
	}
	return empty();
}

function readPhi(lines: Line[]): Field<number> {
	for (const line of lines) {
		const t = line.text.replace(/\s+/g, '');
		const m = /(安全间隔期|间隔期|安全间隔)[为是:;]?(\d{1,3})(天|日|d)/.exec(t);
		if (m) return found(Number(m[2]), line, 1);
		// 间隔期 misread, but "安全 … 为 N 天" is still the interval
		const loose = /安全[\u3400-\u9fff]{1,4}?[为是](\d{1,3})天/.exec(t);
		if (loose) return found(Number(loose[1]), line, 0.75);
	}
	return empty();
}

function readMaxApplications(lines: Line[]): Field<number> {
	for (const line of lines) {
		const t = line.text.replace(/\s+/g, '');
		const m =
			/每季(?:作物)?(?:最多)?(?:使用|施药|用药)?(?:不超过)?(\d{1,2}|[一二两三四五六七八九十])次/.exec(
				t
			) ?? /最多(?:使用|施药|用药)?(\d{1,2}|[一二两三四五六七八九十])次/.exec(t);
		if (m) {
			const n = smallNumber(m[1]!);
			if (n !== null && n > 0 && n <= 20) return found(n, line, m[0].startsWith('每季') ? 1 : 0.85);
		}
		// the line cut before 次: the sentence still ends with the count
		const cut = /每季(?:作物)?最多(?:使用|施药|用药)(\d{1,2})[。.]?$/.exec(t);
		if (cut && Number(cut[1]) > 0 && Number(cut[1]) <= 20) return found(Number(cut[1]), line, 0.75);
	}
	return empty();
}

function emptyFields(): LabelFields {
	const fields = {} as Record<FieldKey, Field<unknown>>;
	for (const key of ALL_FIELDS) fields[key] = empty();
	return fields as LabelFields;
}

/**
 * Parses OCR text of a label. `text` is what tesseract returned (lines separated by newlines); with
 * `opts.lines` the confidence of each line is used for the fields read from it.
 */
export function parseLabel(text: string, opts: ParseOptions = {}): ParsedLabel {
	const source: OcrLine[] =
		opts.lines ?? text.split(/\r?\n/).map((t) => ({ text: t, confidence: 90 }));
	const lines: Line[] = source
		.map((l) => ({
			text: normalizeLine(l.text),
			ocr: Math.min(1, Math.max(0, l.confidence / 100))
		}))
		.filter((l) => l.text.length > 0);
	const all = lines.map((l) => l.text.replace(/\s+/g, '')).join('\n');
	const detected = opts.kind ? { kind: opts.kind, confidence: 1 } : detectKind(all);
	const fields = emptyFields();
	const result: ParsedLabel = { kind: detected.kind, kindConfidence: detected.confidence, fields };
	if (!detected.kind) return result;

	fields.manufacturer = readManufacturer(lines);
	fields.netContent = readNetContent(lines);
	fields.productionDate = readProductionDate(lines);
	fields.batch = readBatch(lines, fields.productionDate.value);

	if (detected.kind === 'fertilizer') {
		fields.productName = readFertilizerName(lines);
		const npk = readNpk(lines);
		fields.npk = npk.grade;
		fields.totalNutrientPct = readTotalNutrient(lines, npk);
		fields.chlorine = readChlorine(lines);
		fields.fertilizerRegNo = readFertilizerReg(lines);
		fields.licenceNo = readLicence(lines);
	} else if (detected.kind === 'pesticide') {
		fields.pesticideRegNo = readPesticideReg(lines);
		fields.toxicity = readToxicity(lines);
		fields.phiDays = readPhi(lines);
		fields.maxApplications = readMaxApplications(lines);
		fields.formulation = readFormulation(lines);
		const title = readPesticideTitle(lines);
		const ingredientLine = readIngredientLine(lines);

		// active ingredient: from its own line and from the title; a listed name wins
		const candidates: { name: string; certainty: number; line: Line }[] = [];
		if (ingredientLine?.name)
			candidates.push({
				...repairIngredient(ingredientLine.name),
				line: ingredientLine.line
			});
		if (title?.ingredient)
			candidates.push({ ...repairIngredient(title.ingredient), line: title.line });
		candidates.sort((a, b) => b.certainty * b.line.ocr - a.certainty * a.line.ocr);
		const ingredient = candidates[0];
		if (ingredient) {
			const agree = candidates.filter((c) => c.name === ingredient.name).length > 1;
			fields.activeIngredient = found(
				ingredient.name,
				ingredient.line,
				agree ? Math.max(ingredient.certainty, 0.95) : ingredient.certainty
			);
		}

		// content: both places print it; when they disagree the title's big print is trusted more, unless it
		// is no possible content (over 100 %: "10%" read as "109%", the per-cent sign's first ring as a 9)
		const readings = [
			title?.content ? { content: title.content, line: title.line } : null,
			ingredientLine?.content
				? { content: ingredientLine.content, line: ingredientLine.line }
				: null
		].filter((r) => r !== null);
		const possible = readings.filter((r) => !/%$/.test(r.content) || parseFloat(r.content) <= 100);
		if (possible.length) {
			const agree = possible.length === 2 && possible[0]!.content === possible[1]!.content;
			const certainty = agree ? 1 : readings.length === 2 ? 0.6 : 0.85;
			fields.content = found(possible[0]!.content, possible[0]!.line, certainty);
		} else if (readings.length) {
			const first = readings[0]!;
			const trimmed = /^(\d+)9%$/.exec(first.content);
			if (trimmed && Number(trimmed[1]) > 0)
				fields.content = found(`${trimmed[1]}%`, first.line, 0.5);
		}

		// formulation: its own line, or the title's ending (always a listed one) when the line is missing or
		// its reading is not a listed formulation ("剂型: 水" for 水剂)
		if (title && (!fields.formulation.value || !FORMULATIONS.includes(fields.formulation.value)))
			fields.formulation = found(title.formulation, title.line, title.certainty * 0.9);

		// product name: as printed on the title line, with its words repaired from the fields above
		if (title) {
			const name = `${fields.content.value ?? title.content}${fields.activeIngredient.value ?? title.ingredient}${title.formulation}`;
			const repaired = name !== `${title.content}${title.ingredient}${title.formulation}`;
			fields.productName = found(name, title.line, title.certainty * (repaired ? 0.8 : 1));
		}
	} else {
		const hit = keyed(lines, [/(品种名称|品种|产品名称)/]);
		if (hit && compact(hit.value))
			fields.productName = found(compact(hit.value).split(/[:;]/)[0]!, hit.line, hit.certainty);
	}
	return result;
}

/** The plain values of a parse, null where nothing was found (the fixtures' JSON shape). */
export function labelValues(parsed: ParsedLabel): { kind: LabelKind | null } & {
	[K in FieldKey]: LabelValues[K] | null;
} {
	const out = { kind: parsed.kind } as { kind: LabelKind | null } & Record<FieldKey, unknown>;
	for (const key of ALL_FIELDS) out[key] = parsed.fields[key].value;
	return out as { kind: LabelKind | null } & { [K in FieldKey]: LabelValues[K] | null };
}

/** The keys a label of this kind can carry. */
export function fieldsOf(kind: LabelKind): readonly FieldKey[] {
	return kind === 'fertilizer'
		? FERTILIZER_FIELDS
		: kind === 'pesticide'
			? PESTICIDE_FIELDS
			: SEED_FIELDS;
}

/**
 * Combines parses of the same label read in different ways (page segmentation modes): for each field the
 * value with the most support wins, support being the sum of the confidences of the reads that agree; a
 * value two reads agree on gets a confidence a little above the best of them.
 */
export function mergeParses(parses: ParsedLabel[]): ParsedLabel {
	const withKind = parses.filter((p) => p.kind);
	if (!withKind.length)
		return parses[0] ?? { kind: null, kindConfidence: 0, fields: emptyFields() };
	const kindVotes = new Map<LabelKind, number>();
	for (const p of withKind)
		kindVotes.set(p.kind!, (kindVotes.get(p.kind!) ?? 0) + p.kindConfidence);
	const kind = [...kindVotes].sort((a, b) => b[1] - a[1])[0]![0];
	const same = withKind.filter((p) => p.kind === kind);
	const fields = emptyFields() as Record<FieldKey, Field<unknown>>;
	for (const key of ALL_FIELDS) {
		const groups = new Map<
			string,
			{ value: unknown; support: number; best: number; count: number }
		>();
		for (const p of same) {
			const f = p.fields[key] as Field<unknown>;
			if (f.value === null) continue;
			const id = JSON.stringify(f.value);
			const g = groups.get(id) ?? { value: f.value, support: 0, best: 0, count: 0 };
			g.support += f.confidence;
			g.best = Math.max(g.best, f.confidence);
			g.count++;
			groups.set(id, g);
		}
		const winner = [...groups.values()].sort((a, b) => b.support - a.support)[0];
		if (!winner) continue;
		const confidence = winner.count > 1 ? Math.min(1, winner.best + 0.1) : winner.best;
		fields[key] = { value: winner.value, confidence: Math.round(confidence * 100) / 100 };
	}
	return {
		kind,
		kindConfidence: Math.max(...same.map((p) => p.kindConfidence)),
		fields: fields as LabelFields
	};
}
