/**
 * Units farmers in Heilongjiang use, and the one time zone the app shows.
 * 1 亩 (mu) = 10000/15 m² ≈ 666.67 m², so 1 ha = 15 亩 (GB 3100-93 lists 亩 as a non-SI unit in use in China).
 * 1 斤 (jin) = 0.5 kg; 公斤 is the kilogram.
 */
export const SQ_M_PER_MU = 10000 / 15;
export const MU_PER_HECTARE = 15;
export const KG_PER_JIN = 0.5;
export const TIME_ZONE = 'Asia/Shanghai';

export type Locale = 'zh-CN' | 'en';

export function squareMetresToMu(m2: number): number {
	return m2 / SQ_M_PER_MU;
}

export function squareMetresToHectares(m2: number): number {
	return m2 / 10000;
}

export function muToHectares(mu: number): number {
	return mu / MU_PER_HECTARE;
}

export function hectaresToMu(ha: number): number {
	return ha * MU_PER_HECTARE;
}

export function kgToJin(kg: number): number {
	return kg / KG_PER_JIN;
}

export function jinToKg(jin: number): number {
	return jin * KG_PER_JIN;
}

function formatNumber(value: number, locale: Locale, maxDigits: number): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

/** An area in both the unit farmers use (亩) and hectares, e.g. "3.2 亩（0.21 公顷）". */
export function formatArea(m2: number, locale: Locale): string {
	const mu = formatNumber(squareMetresToMu(m2), locale, 2);
	const ha = formatNumber(squareMetresToHectares(m2), locale, 2);
	return locale === 'zh-CN' ? `${mu} 亩（${ha} 公顷）` : `${mu} mu (${ha} ha)`;
}

/** A mass in 斤 and 公斤, e.g. "1,200 斤（600 公斤）". */
export function formatMass(kg: number, locale: Locale): string {
	const jin = formatNumber(kgToJin(kg), locale, 1);
	const kilo = formatNumber(kg, locale, 1);
	return locale === 'zh-CN' ? `${jin} 斤（${kilo} 公斤）` : `${jin} jin (${kilo} kg)`;
}

/** A date (and optionally time) as seen in Heilongjiang, whatever the device's own zone. */
export function formatDate(epochMs: number, locale: Locale, withTime = false): string {
	return dateFormat(locale, withTime).format(new Date(epochMs));
}

// making an Intl.DateTimeFormat costs far more than using one (bench/records.ts: 11 ms of a 235-row timeline)
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
	const key = `${locale}/${withTime}`;
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			timeZone: TIME_ZONE,
			year: 'numeric',
			month: 'long',
			day: 'numeric',
			...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {})
		});
		dateFormats.set(key, format);
	}
	return format;
}

/** A byte count in the largest unit that keeps it readable (storage used in settings). */
export function formatBytes(bytes: number, locale: Locale): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${formatNumber(value, locale, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Heilongjiang's clock is UTC+8 all year (China has no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Epoch ms → the value of an `<input type="datetime-local">` as a clock in Heilongjiang shows it. */
export function toLocalInput(epochMs: number): string {
	return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** `YYYY-MM-DDTHH:mm` read as Heilongjiang time → epoch ms; NaN when it is not a date and time. */
export function fromLocalInput(value: string): number {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return Number.NaN;
	return Date.parse(`${value}:00Z`) - SHANGHAI_OFFSET_MS;
}

/** `YYYY-MM-DD` (a date input) → the first millisecond of that day in Heilongjiang. */
export function dayStart(value: string): number {
	return fromLocalInput(`${value}T00:00`);
}

/** Epoch ms → `YYYY-MM-DD`, the day it falls on in Heilongjiang. */
export function localDay(epochMs: number): string {
	return toLocalInput(epochMs).slice(0, 10);
}

/** Epoch ms → `YYYY-MM`, the month it falls in in Heilongjiang. */
export function localMonth(epochMs: number): string {
	return toLocalInput(epochMs).slice(0, 7);
}

/** Whether a value is a `YYYY-MM` month (e.g. from a link's `?month=`). */
export function isMonth(value: string | null | undefined): value is string {
	return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** A `YYYY-MM` month moved by whole months (negative goes back), across year ends. */
export function addMonths(month: string, count: number): string {
	const [year, number] = month.split('-').map(Number);
	const index = (year ?? 0) * 12 + (number ?? 1) - 1 + count;
	const y = Math.floor(index / 12);
	return `${String(y).padStart(4, '0')}-${String(index - y * 12 + 1).padStart(2, '0')}`;
}

/** The first and last millisecond (inclusive) of a `YYYY-MM` month in Heilongjiang. */
export function monthRange(month: string): { from: number; to: number } {
	return { from: dayStart(`${month}-01`), to: dayStart(`${addMonths(month, 1)}-01`) - 1 };
}

/** A month as a heading, e.g. "2026年5月", "May 2026". */
export function formatMonth(month: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: 'long'
	}).format(new Date(dayStart(`${month}-01`)));
}

/** A `YYYY-MM-DD` day with its weekday, as a heading: "5月1日星期五", "Friday, May 1". */
export function formatDay(day: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: TIME_ZONE,
		month: 'long',
		day: 'numeric',
		weekday: 'long'
	}).format(new Date(dayStart(day)));
}

/**
 * Items grouped by the Heilongjiang day they fall on, days in the order first met: give them sorted by
 * `at` and the days come out in order.
 */
export function groupByDay<T extends { at: number }>(
	items: readonly T[]
): { day: string; items: T[] }[] {
	const days = new Map<string, T[]>();
	for (const item of items) {
		const day = localDay(item.at);
		const list = days.get(day);
		if (list) list.push(item);
		else days.set(day, [item]);
	}
	return [...days].map(([day, list]) => ({ day, items: list }));
}
