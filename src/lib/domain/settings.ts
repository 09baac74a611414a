/**
 * Display settings kept on this device. Numbers from ../shared/inclusion.md (MIIT 2021 elder-friendly spec,
 * WCAG 2.1): main text adjustable up to at least 30 px; in elder mode (长辈版) main text at least 18 px and
 * main controls at least 60 × 60 px.
 */
export const TEXT_SIZES = [16, 18, 20, 24, 28, 32] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const DEFAULT_TEXT_SIZE: TextSize = 18;
/** Elder mode never shows main text smaller than this. */
export const ELDER_MIN_TEXT_SIZE: TextSize = 20;
export const CONTROL_SIZE_PX = 48;
export const ELDER_CONTROL_SIZE_PX = 60;

export interface DisplaySettings {
	textSize: TextSize;
	highContrast: boolean;
	elderMode: boolean;
}

export const DEFAULT_SETTINGS: DisplaySettings = {
	textSize: DEFAULT_TEXT_SIZE,
	highContrast: false,
	elderMode: false
};

function isTextSize(value: unknown): value is TextSize {
	return TEXT_SIZES.includes(value as TextSize);
}

/** Whatever was stored (an older version, a hand edit, nothing), a usable value comes back. */
export function readSettings(stored: unknown): DisplaySettings {
	const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
		string,
		unknown
	>;
	return {
		textSize: isTextSize(s.textSize) ? s.textSize : DEFAULT_SETTINGS.textSize,
		highContrast: typeof s.highContrast === 'boolean' ? s.highContrast : false,
		elderMode: typeof s.elderMode === 'boolean' ? s.elderMode : false
	};
}

/** The main text size the screen really uses. */
export function effectiveTextSize(s: DisplaySettings): number {
	return s.elderMode ? Math.max(s.textSize, ELDER_MIN_TEXT_SIZE) : s.textSize;
}

export function controlSize(s: DisplaySettings): number {
	return s.elderMode ? ELDER_CONTROL_SIZE_PX : CONTROL_SIZE_PX;
}

/** The smallest size the screen can show: elder mode's floor, or the smallest offered. */
export function smallestTextSize(s: DisplaySettings): TextSize {
	return s.elderMode ? ELDER_MIN_TEXT_SIZE : TEXT_SIZES[0];
}

/**
 * One step bigger or smaller from the size the screen really shows (not the stored one, which elder mode may
 * raise), never below elder mode's floor: every press of A− or A+ changes what the farmer sees, or is refused.
 */
export function nextTextSize(s: DisplaySettings, direction: 1 | -1): TextSize {
	const shown = effectiveTextSize(s) as TextSize;
	const next = stepTextSize(shown, direction);
	return next < smallestTextSize(s) ? smallestTextSize(s) : next;
}

/** One step bigger or smaller, staying within the offered sizes. */
export function stepTextSize(current: TextSize, direction: 1 | -1): TextSize {
	const index = TEXT_SIZES.indexOf(current) + direction;
	return TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, index))] ?? current;
}

/**
 * When to warn that the phone is running out of room, before a save can fail: less than 50 MB free (a
 * day's photos are a few MB, the OCR data about 20 MB), or over 90 % of what the browser allows us.
 */
export const LOW_STORAGE_FREE_BYTES = 50 * 1024 * 1024;
export const LOW_STORAGE_SHARE = 0.9;

export function storageIsLow(usage: number | null, quota: number | null): boolean {
	if (usage === null || quota === null || quota <= 0) return false;
	return quota - usage < LOW_STORAGE_FREE_BYTES || usage / quota > LOW_STORAGE_SHARE;
}
