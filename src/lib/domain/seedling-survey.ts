/**
 * Seedling survey (苗情调查): sampling points in a field, the stand they show (plants per 亩 and per ha,
 * emergence and missing plants), how even it is, and the field's class 一/二/三类苗.
 *
 * The classes are the Harbin extension centre's (../shared/agronomy/facts.md §3, m.wenke99.com/p-9313118.html),
 * as the lesson 苗情调查 (content/monitoring/seedling-survey) teaches them: at each point the farmer looks at every
 * plant and counts how many are 一类苗 (normal and vigorous), 二类苗 (smaller or weaker than normal) and 三类苗
 * (diseased, small or weak); the field is "mainly" the class with the most plants, and the share of 一类 plants
 * is shown with it (the lesson's "给地块定类"). That is the default grade.
 *
 * No source gives numbers for maize or soybean classes (facts.md §3: "no numeric maize 一/二/三类 standard was
 * found"), so Heitu has no numeric limits of its own: a farmer whose extension station grades by numbers
 * (emergence %, height CV, height against normal) types the station's numbers in, and that grade is shown as the
 * station's, beside the lesson's. Surveys saved before this kept the numeric limits an older version used; they
 * are read and shown as recorded. Pure: the screen reads typed text with `readSamplePoint`, this module does all
 * arithmetic.
 */
import { readNumber } from './numbers';
import { KG_PER_JIN, MU_PER_HECTARE, SQ_M_PER_MU } from './units';

export const SURVEY_CROPS = ['maize', 'soybean', 'rice', 'springWheat', 'potato'] as const;
export type SurveyCrop = (typeof SURVEY_CROPS)[number];

/** How even the plants at a point look (整齐 / 较整齐 / 不整齐): recorded, not graded (height CV is). */
export const UNIFORMITY = ['even', 'fair', 'uneven'] as const;
export type Uniformity = (typeof UNIFORMITY)[number];

const vStages = (n: number) => Array.from({ length: n }, (_, i) => `V${i + 1}`);
/**
 * Stages a farmer can pick at a point. Maize VE, V1…Vn (leaf collars), VT; soybean VE, VC, V1…Vn and the first
 * R stages (maizedoctor.org/en/maize-growth-stages via facts.md §3). Rice is judged by leaf age (叶龄, typed
 * in the leaf box, e.g. 3.5), wheat and potato by leaf count: no stage list.
 */
export const STAGES: Record<SurveyCrop, readonly string[]> = {
	maize: ['VE', ...vStages(12), 'VT'],
	soybean: ['VE', 'VC', ...vStages(6), 'R1', 'R2'],
	rice: [],
	springWheat: [],
	potato: []
};

/**
 * The five-point method: the crossing of the diagonals and the midpoints to the four corners (lesson 苗情调查,
 * source 360docs.net/doc/0416518136.html; no primary text found, e.g. a national survey standard for maize).
 * 3 to 10 points is our choice: fewer than 3 gives no spread, and the lesson's long narrow fields take "a few
 * points along one diagonal"; it only limits the form.
 */
export const DEFAULT_POINTS = 5;
export const MIN_POINTS = 3;
export const MAX_POINTS = 10;

export interface SamplePoint {
	/** Plants counted along one metre of row (rice: seedlings). */
	plantsPerMetre: number;
	/** Distance between rows, cm (ridge width where one row is sown per ridge). */
	rowSpacingCm: number;
	heightCm: number | null;
	/** Visible leaves; for rice the leaf age (叶龄), which may be a decimal. */
	leaves: number | null;
	/** One of STAGES[crop], or '' when not given. */
	stage: string;
	uniformity: Uniformity | null;
	/** Pests and diseases seen, in the farmer's words. */
	pests: string;
	/**
	 * Plants the farmer classed at this point as 一类 / 二类 / 三类 (the lesson's method); null when not classed.
	 * Absent on points saved before the classes were asked.
	 */
	classCounts?: ClassCounts | null;
}

/** Plants of each class: 一类 (first), 二类 (second), 三类 (third). */
export interface ClassCounts {
	first: number;
	second: number;
	third: number;
}

export const CLASS_KEYS = [
	'first',
	'second',
	'third'
] as const satisfies readonly (keyof ClassCounts)[];

/**
 * Plants classed at one point: a whole number, at most this many of each class. The lesson has the farmer look
 * at "连着的一段苗" at each point; 1,000 is our choice of a ceiling well above any such stretch (a typing slip
 * guard, not a rule).
 */
export const CLASS_COUNT_RANGE: Range = { min: 0, max: 1000 };

export interface Range {
	min: number;
	max: number;
}

/**
 * Plants in a metre of row beyond which a number is a typing slip, not a field: our choice, a guard on typing
 * (no advice rests on it), taken generously from these sowing figures (second-hand, not confirmed): maize is sown at
 * about 4–7 plants per metre on 65 cm ridges; spring wheat at about 40万 plants/亩 on 15 cm rows is ~90 per
 * metre (facts.md §3 wheat stems 40–90万/亩); transplanted rice ~8–10 hills × 3–5 seedlings per metre.
 */
const PLANTS_PER_METRE_MAX: Record<SurveyCrop, number> = {
	maize: 30,
	soybean: 60,
	rice: 150,
	springWheat: 250,
	potato: 15
};

/**
 * Expected ranges of each typed number at a point; outside them the number is refused, with the range. Our
 * choice, typing guards only (the screen names the range), from the figures in the comments.
 */
export function pointRanges(crop: SurveyCrop) {
	return {
		plantsPerMetre: { min: 0, max: PLANTS_PER_METRE_MAX[crop] },
		// wheat drills 15 cm, rice 30 cm, maize and soybean ridges 65 cm, big ridges up to 130 cm
		rowSpacingCm: { min: 5, max: 150 },
		// seedling to tasselling maize is under 4 m
		heightCm: { min: 0, max: 400 },
		leaves: { min: 0, max: 30 },
		class1: CLASS_COUNT_RANGE,
		class2: CLASS_COUNT_RANGE,
		class3: CLASS_COUNT_RANGE
	} satisfies Record<string, Range>;
}

export const PESTS_MAX_LENGTH = 200;

export type SurveyProblem =
	| { kind: 'required' }
	| { kind: 'not-a-number' }
	| { kind: 'out-of-range'; range: Range }
	| { kind: 'too-long'; max: number }
	| { kind: 'not-an-option' }
	| { kind: 'not-whole' };

/** A sample point as typed: every number as text. */
export interface SamplePointText {
	plantsPerMetre: string;
	rowSpacingCm: string;
	heightCm: string;
	leaves: string;
	stage: string;
	uniformity: Uniformity | '';
	pests: string;
	/** Plants counted as 一类 / 二类 / 三类; absent in drafts kept before the classes were asked. */
	class1?: string;
	class2?: string;
	class3?: string;
}

export const EMPTY_POINT_TEXT: SamplePointText = {
	plantsPerMetre: '',
	rowSpacingCm: '',
	heightCm: '',
	leaves: '',
	stage: '',
	uniformity: '',
	pests: '',
	class1: '',
	class2: '',
	class3: ''
};

type NumberKey = 'plantsPerMetre' | 'rowSpacingCm' | 'heightCm' | 'leaves';
const CLASS_TEXT_KEYS = ['class1', 'class2', 'class3'] as const;
export type PointKey = keyof SamplePointText;

function readIn(text: string, range: Range, required: boolean): number | null | SurveyProblem {
	if (text.trim() === '') return required ? { kind: 'required' } : null;
	const value = readNumber(text);
	if (value === null) return { kind: 'not-a-number' };
	if (value < range.min || value > range.max) return { kind: 'out-of-range', range };
	return value;
}

/** A typed point as numbers, or what is wrong with each box (with the expected range). */
export function readSamplePoint(
	text: SamplePointText,
	crop: SurveyCrop
): { point: SamplePoint | null; problems: Partial<Record<PointKey, SurveyProblem>> } {
	const ranges = pointRanges(crop);
	const problems: Partial<Record<PointKey, SurveyProblem>> = {};
	const numbers: Partial<Record<NumberKey, number | null>> = {};
	for (const key of ['plantsPerMetre', 'rowSpacingCm', 'heightCm', 'leaves'] as const) {
		const read = readIn(text[key], ranges[key], key === 'plantsPerMetre' || key === 'rowSpacingCm');
		if (typeof read === 'object' && read !== null) problems[key] = read;
		else numbers[key] = read;
	}
	const stage = text.stage.trim();
	if (stage && !STAGES[crop].includes(stage)) problems.stage = { kind: 'not-an-option' };
	const pests = text.pests.trim();
	if (pests.length > PESTS_MAX_LENGTH) problems.pests = { kind: 'too-long', max: PESTS_MAX_LENGTH };
	// the classes: all three blank is "not classed"; once one is typed, a blank one is 0 plants
	const counts: number[] = [];
	const anyClass = CLASS_TEXT_KEYS.some((key) => (text[key] ?? '').trim() !== '');
	for (const key of CLASS_TEXT_KEYS) {
		const typed = (text[key] ?? '').trim();
		const read = anyClass && typed === '' ? 0 : readIn(typed, ranges[key], false);
		if (typeof read === 'object' && read !== null) problems[key] = read;
		else if (read !== null && !Number.isInteger(read)) problems[key] = { kind: 'not-whole' };
		else if (read !== null) counts.push(read);
	}
	if (Object.keys(problems).length) return { point: null, problems };
	const [first, second, third] = counts;
	return {
		point: {
			plantsPerMetre: numbers.plantsPerMetre ?? 0,
			rowSpacingCm: numbers.rowSpacingCm ?? 0,
			heightCm: numbers.heightCm ?? null,
			leaves: numbers.leaves ?? null,
			stage,
			uniformity: text.uniformity || null,
			pests,
			classCounts:
				first === undefined || second === undefined || third === undefined
					? null
					: { first, second, third }
		},
		problems
	};
}

/** A stored point back into the boxes (to edit a survey, or check one). */
export function pointText(point: SamplePoint): SamplePointText {
	const t = (v: number | null) => (v === null ? '' : String(v));
	return {
		plantsPerMetre: String(point.plantsPerMetre),
		rowSpacingCm: String(point.rowSpacingCm),
		heightCm: t(point.heightCm),
		leaves: t(point.leaves),
		stage: point.stage,
		uniformity: point.uniformity ?? '',
		pests: point.pests,
		class1: t(point.classCounts?.first ?? null),
		class2: t(point.classCounts?.second ?? null),
		class3: t(point.classCounts?.third ?? null)
	};
}

function isClassCounts(value: unknown): value is ClassCounts {
	if (typeof value !== 'object' || value === null) return false;
	const c = value as Record<string, unknown>;
	return CLASS_KEYS.every((key) => {
		const v = c[key];
		return (
			typeof v === 'number' &&
			Number.isInteger(v) &&
			v >= CLASS_COUNT_RANGE.min &&
			v <= CLASS_COUNT_RANGE.max
		);
	});
}

/** Whether a stored point (from this device or from sync) is one the survey could have made. */
export function isValidPoint(point: unknown, crop: SurveyCrop): point is SamplePoint {
	if (typeof point !== 'object' || point === null) return false;
	const p = point as Record<string, unknown>;
	const ranges = pointRanges(crop);
	const inRange = (v: unknown, r: Range, optional: boolean) =>
		(optional && v === null) || (typeof v === 'number' && v >= r.min && v <= r.max);
	return (
		inRange(p.plantsPerMetre, ranges.plantsPerMetre, false) &&
		inRange(p.rowSpacingCm, ranges.rowSpacingCm, false) &&
		inRange(p.heightCm, ranges.heightCm, true) &&
		inRange(p.leaves, ranges.leaves, true) &&
		typeof p.stage === 'string' &&
		(p.stage === '' || STAGES[crop].includes(p.stage)) &&
		(p.uniformity === null || UNIFORMITY.includes(p.uniformity as Uniformity)) &&
		typeof p.pests === 'string' &&
		p.pests.length <= PESTS_MAX_LENGTH &&
		(p.classCounts === undefined || p.classCounts === null || isClassCounts(p.classCounts))
	);
}

/** Plants per 亩 from a row count: plants per metre ÷ row spacing (m) × 666.7 m² (1 亩 = 10000/15 m², units.ts). */
export function plantsPerMu(plantsPerMetre: number, rowSpacingCm: number): number {
	return (plantsPerMetre / (rowSpacingCm / 100)) * SQ_M_PER_MU;
}

/** Per hectare: 15 亩 = 1 ha. */
export function perHectare(perMu: number): number {
	return perMu * MU_PER_HECTARE;
}

/** Seeds sown per 亩 from a sowing rate in kg/亩 and the hundred-seed weight (百粒重, g). */
export function seedsPerMu(kgPerMu: number, hundredSeedGrams: number): number {
	return ((kgPerMu * 1000) / hundredSeedGrams) * 100;
}

export interface Spread {
	n: number;
	mean: number;
	/** Sample standard deviation (n − 1); 0 for a single value. */
	sd: number;
	/** Coefficient of variation, % (sd ÷ mean); null when the mean is 0. */
	cv: number | null;
	min: number;
	max: number;
}

export function spread(values: readonly number[]): Spread | null {
	const n = values.length;
	if (n === 0) return null;
	const mean = values.reduce((a, b) => a + b, 0) / n;
	const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
	return {
		n,
		mean,
		sd,
		cv: mean > 0 ? (sd / mean) * 100 : null,
		min: Math.min(...values),
		max: Math.max(...values)
	};
}

/** What emergence is counted against: seeds sown per 亩, or the plants per 亩 the farmer aimed for. */
export interface SowingBasis {
	kind: 'seeds' | 'target';
	perMu: number;
}

/**
 * 100 up to 2,000,000 per 亩: our choice, a typing guard far outside any sowing (maize ~4,000–6,000 seeds,
 * rice ~6–10万 seedlings, wheat 40–60万 seeds; rough figures, not a source).
 */
export const BASIS_RANGE: Range = { min: 100, max: 2_000_000 };
/** Normal height at this stage, cm, and the hundred-seed weight, g: our choice, typing guards only. */
export const EXPECTED_HEIGHT_RANGE: Range = { min: 1, max: 400 };
export const HUNDRED_SEED_RANGE: Range = { min: 0.5, max: 100 };
/**
 * Five points stand for a whole field, so the estimate may come out somewhat above the seeds sown; more than
 * 20 % above is taken for a miscount or a wrong sowing rate, and is refused. 20 % is our choice (no source
 * gives a sampling error for five points), said in the refusal with the limit.
 */
export const MAX_EMERGENCE_OF_SEEDS = 120;

export type Grade = 1 | 2 | 3;

/** Limits of one indicator: [一类, 二类]; a worse value is 三类. */
export interface Limits {
	first: number;
	second: number;
}

export interface GradeThresholds {
	/** Emergence, % of the basis: at least. */
	emergence: Limits;
	/** Coefficient of variation of plant height between points, %: at most. */
	heightCv: Limits;
	/** Mean height as % of the normal height at this stage: at least. */
	heightRatio: Limits;
}

/**
 * The numeric limits an older Heitu graded by when no limits were set. No source gives them (facts.md §3): they
 * are no longer used to grade, only recognised, so that limits a phone stored by pressing "save" on these
 * untouched defaults are not taken for the station's own (readThresholds). Surveys saved with them keep them
 * inline and are shown as recorded.
 */
export const OLD_DEFAULT_THRESHOLDS: Record<SurveyCrop, GradeThresholds> = {
	maize: {
		emergence: { first: 90, second: 80 },
		heightCv: { first: 15, second: 25 },
		heightRatio: { first: 90, second: 75 }
	},
	soybean: {
		emergence: { first: 85, second: 75 },
		heightCv: { first: 15, second: 25 },
		heightRatio: { first: 90, second: 75 }
	},
	rice: {
		emergence: { first: 85, second: 75 },
		heightCv: { first: 15, second: 25 },
		heightRatio: { first: 90, second: 75 }
	},
	springWheat: {
		emergence: { first: 85, second: 70 },
		heightCv: { first: 15, second: 25 },
		heightRatio: { first: 90, second: 75 }
	},
	potato: {
		emergence: { first: 90, second: 80 },
		heightCv: { first: 15, second: 25 },
		heightRatio: { first: 90, second: 75 }
	}
};

export type IndicatorKey = keyof GradeThresholds;
export const INDICATORS: readonly IndicatorKey[] = ['emergence', 'heightCv', 'heightRatio'];
/** Higher is better for emergence and height ratio; lower is better for the CV. */
const HIGHER_IS_BETTER: Record<IndicatorKey, boolean> = {
	emergence: true,
	heightCv: false,
	heightRatio: true
};
/** The values a station's threshold may take, %: our choice, only what a percentage can be. */
export const THRESHOLD_RANGES: Record<IndicatorKey, Range> = {
	emergence: { min: 0, max: 100 },
	heightCv: { min: 0, max: 100 },
	heightRatio: { min: 0, max: 200 }
};

export type ThresholdProblem =
	{ kind: 'out-of-range'; range: Range } | { kind: 'not-a-number' } | { kind: 'order' };

/** What is wrong with a set of limits: a number out of range, or 二类 stricter than 一类. */
export function thresholdProblems(
	t: GradeThresholds
): Partial<Record<`${IndicatorKey}.${keyof Limits}` | IndicatorKey, ThresholdProblem>> {
	const problems: Partial<Record<string, ThresholdProblem>> = {};
	for (const key of INDICATORS) {
		const range = THRESHOLD_RANGES[key];
		for (const part of ['first', 'second'] as const) {
			const v = t[key][part];
			if (!Number.isFinite(v)) problems[`${key}.${part}`] = { kind: 'not-a-number' };
			else if (v < range.min || v > range.max)
				problems[`${key}.${part}`] = { kind: 'out-of-range', range };
		}
		const { first, second } = t[key];
		if (Number.isFinite(first) && Number.isFinite(second)) {
			if (HIGHER_IS_BETTER[key] ? first < second : first > second)
				problems[key] = { kind: 'order' };
		}
	}
	return problems;
}

const sameThresholds = (a: GradeThresholds, b: GradeThresholds) =>
	INDICATORS.every((k) => a[k].first === b[k].first && a[k].second === b[k].second);

/**
 * The station's limits kept on this phone, per crop: null for a crop with none (nothing stored, limits that
 * break the rules, or an older version's untouched defaults, which were never a station's).
 */
export function readThresholds(stored: unknown): Record<SurveyCrop, GradeThresholds | null> {
	const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
		string,
		unknown
	>;
	const out = {} as Record<SurveyCrop, GradeThresholds | null>;
	for (const crop of SURVEY_CROPS) {
		const t = s[crop];
		out[crop] =
			isThresholds(t) && !sameThresholds(t, OLD_DEFAULT_THRESHOLDS[crop])
				? copyThresholds(t)
				: null;
	}
	return out;
}

export function isThresholds(value: unknown): value is GradeThresholds {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	const limits = (l: unknown) =>
		typeof l === 'object' &&
		l !== null &&
		typeof (l as Limits).first === 'number' &&
		typeof (l as Limits).second === 'number';
	if (!INDICATORS.every((k) => limits(v[k]))) return false;
	return Object.keys(thresholdProblems(value as GradeThresholds)).length === 0;
}

/** The measured indicators a grade is made from; null when not measured. */
export interface Indicators {
	emergence: number | null;
	heightCv: number | null;
	heightRatio: number | null;
}

function classOf(value: number, limits: Limits, higherIsBetter: boolean): Grade {
	if (higherIsBetter) return value >= limits.first ? 1 : value >= limits.second ? 2 : 3;
	return value <= limits.first ? 1 : value <= limits.second ? 2 : 3;
}

/**
 * The field's class: the worst class of any measured indicator (a field with a good stand but stunted plants
 * is not 一类). Null when nothing gradable was measured. Monotone: a better indicator never gives a worse class.
 */
export function gradeOf(
	indicators: Indicators,
	t: GradeThresholds
): { grade: Grade | null; classes: Partial<Record<IndicatorKey, Grade>> } {
	const classes: Partial<Record<IndicatorKey, Grade>> = {};
	for (const key of INDICATORS) {
		const value = indicators[key];
		if (value !== null && Number.isFinite(value))
			classes[key] = classOf(value, t[key], HIGHER_IS_BETTER[key]);
	}
	const all = Object.values(classes);
	return { grade: all.length ? (Math.max(...all) as Grade) : null, classes };
}

/** The plants classed at all points, added up; null when no point was classed. */
export function totalClasses(points: readonly SamplePoint[]): ClassCounts | null {
	const classed = points.flatMap((p) => (p.classCounts ? [p.classCounts] : []));
	if (!classed.length) return null;
	return {
		first: classed.reduce((a, c) => a + c.first, 0),
		second: classed.reduce((a, c) => a + c.second, 0),
		third: classed.reduce((a, c) => a + c.third, 0)
	};
}

/**
 * The field's class by the lesson's rule (苗情调查, "给地块定类": add up each class's plants over the points;
 * the class with the most plants is the one the field mainly has), with the share of 一类 plants, %.
 * When two classes have as many plants, the worse one is given: the lesson does not say, and this is our
 * choice (the screen says so), so that a tie never makes a field look better than it is.
 */
export function lessonGrade(
	counts: ClassCounts | null
): { grade: Grade; firstShare: number; tie: boolean } | null {
	if (!counts) return null;
	const total = counts.first + counts.second + counts.third;
	if (total === 0) return null;
	const values = [counts.first, counts.second, counts.third];
	const most = Math.max(...values);
	const grade = (values.lastIndexOf(most) + 1) as Grade;
	return {
		grade,
		firstShare: (counts.first / total) * 100,
		tie: values.filter((v) => v === most).length > 1
	};
}

/** Heights from fewer points than this say nothing about evenness (our choice: a spread needs 3 values). */
export const MIN_HEIGHTS_FOR_CV = 3;

export interface SurveyOptions {
	crop: SurveyCrop;
	basis: SowingBasis | null;
	expectedHeightCm: number | null;
	/** The station's numeric limits, when the farmer entered them; null for none. */
	thresholds: GradeThresholds | null;
}

/**
 * What a field's class was decided by: the plants the farmer classed (the lesson's method), or, with no plants
 * classed, the station's numbers. Surveys saved before this have no `gradeBy`: their class came from the numeric
 * limits of that version ('old-limits').
 */
export type GradeBy = 'plants' | 'station';

export interface SurveyResult {
	/** Plants per 亩 at each point, and their spread. */
	density: Spread;
	densityPerHa: number;
	plantsPerMetre: Spread;
	height: Spread | null;
	leaves: Spread | null;
	/** Mean density as % of the basis; null without a basis. */
	emergence: number | null;
	/** Plants missing against the basis, %: 100 − emergence, never below 0. */
	missing: number | null;
	indicators: Indicators;
	/** The field's class: by the classed plants when there are any, otherwise by the station's numbers. */
	grade: Grade | null;
	gradeBy: GradeBy | null;
	/** Plants classed, added over the points; null when none were classed. */
	plantClasses: ClassCounts | null;
	/** The lesson's grade from `plantClasses`, with the share of 一类 plants (%) and whether classes tied. */
	byPlants: { grade: Grade; firstShare: number; tie: boolean } | null;
	/** The class by the station's numbers (the worst indicator); null without station limits. */
	stationGrade: Grade | null;
	/** Each indicator's class by the station's numbers. */
	classes: Partial<Record<IndicatorKey, Grade>>;
	/** Points rated 整齐 / 较整齐 / 不整齐. */
	uniformity: Record<Uniformity, number>;
	/** The stage most points were at ('' when none given): a stage is reached when half the plants show it. */
	stage: string;
}

export function surveyResult(
	points: readonly SamplePoint[],
	o: SurveyOptions
): SurveyResult | null {
	const density = spread(points.map((p) => plantsPerMu(p.plantsPerMetre, p.rowSpacingCm)));
	const plantsPerMetre = spread(points.map((p) => p.plantsPerMetre));
	if (!density || !plantsPerMetre) return null;
	const heights = points.flatMap((p) => (p.heightCm === null ? [] : [p.heightCm]));
	const height = spread(heights);
	const leaves = spread(points.flatMap((p) => (p.leaves === null ? [] : [p.leaves])));
	const emergence = o.basis ? (density.mean / o.basis.perMu) * 100 : null;
	const indicators: Indicators = {
		emergence,
		heightCv: height && height.n >= MIN_HEIGHTS_FOR_CV ? height.cv : null,
		heightRatio: height && o.expectedHeightCm ? (height.mean / o.expectedHeightCm) * 100 : null
	};
	const station = o.thresholds ? gradeOf(indicators, o.thresholds) : { grade: null, classes: {} };
	const plantClasses = totalClasses(points);
	const byPlants = lessonGrade(plantClasses);
	const gradeBy: GradeBy | null = byPlants ? 'plants' : station.grade ? 'station' : null;
	const uniformity: Record<Uniformity, number> = { even: 0, fair: 0, uneven: 0 };
	const stages = new Map<string, number>();
	for (const p of points) {
		if (p.uniformity) uniformity[p.uniformity] += 1;
		if (p.stage) stages.set(p.stage, (stages.get(p.stage) ?? 0) + 1);
	}
	const stage = [...stages].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
	return {
		density,
		densityPerHa: perHectare(density.mean),
		plantsPerMetre,
		height,
		leaves,
		emergence,
		missing: emergence === null ? null : Math.max(0, 100 - emergence),
		indicators,
		grade: byPlants?.grade ?? station.grade,
		gradeBy,
		plantClasses,
		byPlants,
		stationGrade: station.grade,
		classes: station.classes,
		uniformity,
		stage
	};
}

export type SurveyLevelKey = 'points' | 'basis' | 'expectedHeight' | 'emergence' | 'crop';

/** Problems of the survey as a whole: too few or many points, a basis the stand cannot have come from. */
export function surveyProblems(
	points: readonly SamplePoint[],
	o: SurveyOptions
): Partial<Record<SurveyLevelKey, SurveyProblem>> {
	const problems: Partial<Record<SurveyLevelKey, SurveyProblem>> = {};
	if (!SURVEY_CROPS.includes(o.crop)) problems.crop = { kind: 'not-an-option' };
	if (points.length < MIN_POINTS || points.length > MAX_POINTS)
		problems.points = { kind: 'out-of-range', range: { min: MIN_POINTS, max: MAX_POINTS } };
	if (o.basis && !(o.basis.perMu >= BASIS_RANGE.min && o.basis.perMu <= BASIS_RANGE.max))
		problems.basis = { kind: 'out-of-range', range: BASIS_RANGE };
	const h = o.expectedHeightCm;
	if (h !== null && !(h >= EXPECTED_HEIGHT_RANGE.min && h <= EXPECTED_HEIGHT_RANGE.max))
		problems.expectedHeight = { kind: 'out-of-range', range: EXPECTED_HEIGHT_RANGE };
	if (!problems.basis && o.basis?.kind === 'seeds' && points.length) {
		const r = surveyResult(points, o);
		if (r?.emergence !== null && r !== null && r.emergence > MAX_EMERGENCE_OF_SEEDS)
			problems.emergence = {
				kind: 'out-of-range',
				range: { min: 0, max: MAX_EMERGENCE_OF_SEEDS }
			};
	}
	return problems;
}

/** A survey as kept in an observation record's details (`details.survey`): what was typed and what it gave. */
export interface SurveyDetail {
	kind: 'seedling';
	crop: SurveyCrop;
	points: SamplePoint[];
	basis: SowingBasis | null;
	expectedHeightCm: number | null;
	/**
	 * The station's limits in force when it was graded (null for none): changing them later does not regrade
	 * old surveys. On surveys saved before `gradeBy`, the limits that version graded by.
	 */
	thresholds: GradeThresholds | null;
	densityPerMu: number;
	emergence: number | null;
	grade: Grade | null;
	/** What decided `grade`; absent on surveys saved before the lesson's method (graded by that version's limits). */
	gradeBy?: GradeBy | null;
	/** Plants classed over all points; absent on older surveys. */
	plantClasses?: ClassCounts | null;
	/** The class by the station's numbers; absent on older surveys. */
	stationGrade?: Grade | null;
}

/** A plain copy (structuredClone refuses the screen's reactive proxies). */
export function copyThresholds(t: GradeThresholds): GradeThresholds {
	const copy = (l: Limits): Limits => ({ first: l.first, second: l.second });
	return {
		emergence: copy(t.emergence),
		heightCv: copy(t.heightCv),
		heightRatio: copy(t.heightRatio)
	};
}

/** The detail to store; null when the survey has problems (nothing is saved half-written). */
export function surveyDetail(
	points: readonly SamplePoint[],
	o: SurveyOptions
): SurveyDetail | null {
	if (Object.keys(surveyProblems(points, o)).length) return null;
	const r = surveyResult(points, o);
	if (!r) return null;
	return {
		kind: 'seedling',
		crop: o.crop,
		points: points.map((p) => ({ ...p })),
		basis: o.basis ? { ...o.basis } : null,
		expectedHeightCm: o.expectedHeightCm,
		thresholds: o.thresholds ? copyThresholds(o.thresholds) : null,
		densityPerMu: Math.round(r.density.mean),
		emergence: r.emergence === null ? null : Math.round(r.emergence * 10) / 10,
		grade: r.grade,
		gradeBy: r.gradeBy,
		plantClasses: r.plantClasses,
		stationGrade: r.stationGrade
	};
}

/** Whether a stored value (this device's, or another's through sync) is a survey this version can read. */
export function isSurveyDetail(value: unknown): value is SurveyDetail {
	if (typeof value !== 'object' || value === null) return false;
	const s = value as Partial<SurveyDetail>;
	if (s.kind !== 'seedling' || !SURVEY_CROPS.includes(s.crop as SurveyCrop)) return false;
	const crop = s.crop as SurveyCrop;
	if (!Array.isArray(s.points) || !s.points.every((p) => isValidPoint(p, crop))) return false;
	const basis = s.basis;
	if (
		basis !== null &&
		!(
			typeof basis === 'object' &&
			(basis.kind === 'seeds' || basis.kind === 'target') &&
			typeof basis.perMu === 'number'
		)
	)
		return false;
	if (s.expectedHeightCm !== null && typeof s.expectedHeightCm !== 'number') return false;
	const isGrade = (g: unknown) => g === null || g === 1 || g === 2 || g === 3;
	// a survey from before the lesson's method always carries the limits it was graded by
	const old = s.gradeBy === undefined;
	if (old ? !isThresholds(s.thresholds) : s.thresholds !== null && !isThresholds(s.thresholds))
		return false;
	if (!old) {
		if (s.gradeBy !== null && s.gradeBy !== 'plants' && s.gradeBy !== 'station') return false;
		if (!isGrade(s.stationGrade ?? null)) return false;
		// the totals and the class must be the ones the points give: a hand-edited "一类" is refused
		const totals = totalClasses(s.points);
		const stored = s.plantClasses ?? null;
		const sameTotals =
			totals === null
				? stored === null
				: stored !== null && CLASS_KEYS.every((k) => stored[k] === totals[k]);
		if (!sameTotals) return false;
		const byPlants = lessonGrade(totals);
		if (s.gradeBy === 'plants' && s.grade !== byPlants?.grade) return false;
		if (s.gradeBy === 'station' && (byPlants || s.grade !== s.stationGrade)) return false;
		if (s.gradeBy === null && s.grade !== null) return false;
	}
	const options: SurveyOptions = {
		crop,
		basis,
		expectedHeightCm: s.expectedHeightCm,
		thresholds: s.thresholds ?? null
	};
	return (
		Object.keys(surveyProblems(s.points, options)).length === 0 &&
		typeof s.densityPerMu === 'number' &&
		(s.emergence === null || typeof s.emergence === 'number') &&
		isGrade(s.grade)
	);
}

/** One survey on a chart: when, how dense, which class. */
export interface SurveyPoint {
	id: string;
	at: number;
	densityPerMu: number;
	grade: Grade | null;
}

/** A field's surveys, oldest first, from its records (other records and unreadable surveys left out). */
export function surveyHistory(
	logs: readonly { id: string; at: number; type: string; details?: Record<string, unknown> }[]
): SurveyPoint[] {
	return logs
		.flatMap((log) => {
			const survey = log.details?.survey;
			return log.type === 'observation' && isSurveyDetail(survey)
				? [{ id: log.id, at: log.at, densityPerMu: survey.densityPerMu, grade: survey.grade }]
				: [];
		})
		.sort((a, b) => a.at - b.at);
}

/** The survey crop a field's or a sowing record's crop name stands for, if any ("玉米" → maize). */
export function cropFromName(name: string | undefined): SurveyCrop | null {
	const n = (name ?? '').toLowerCase();
	if (/玉米|苞米|corn|maize/.test(n)) return 'maize';
	if (/大豆|黄豆|soy/.test(n)) return 'soybean';
	if (/水稻|稻|rice/.test(n)) return 'rice';
	if (/小麦|麦|wheat/.test(n)) return 'springWheat';
	if (/马铃薯|土豆|potato/.test(n)) return 'potato';
	return null;
}

/** The survey-wide boxes as typed. */
export interface SurveyInputsText {
	basisKind: SowingBasis['kind'];
	basis: string;
	expectedHeight: string;
}

/** The survey-wide boxes as numbers (blank is "not given"), or what is wrong with them. */
export function readSurveyInputs(text: SurveyInputsText): {
	basis: SowingBasis | null;
	expectedHeightCm: number | null;
	problems: Partial<Record<'basis' | 'expectedHeight', SurveyProblem>>;
} {
	const problems: Partial<Record<'basis' | 'expectedHeight', SurveyProblem>> = {};
	const basis = readIn(text.basis, BASIS_RANGE, false);
	const height = readIn(text.expectedHeight, EXPECTED_HEIGHT_RANGE, false);
	if (typeof basis === 'object' && basis !== null) problems.basis = basis;
	if (typeof height === 'object' && height !== null) problems.expectedHeight = height;
	return {
		basis: typeof basis === 'number' ? { kind: text.basisKind, perMu: basis } : null,
		expectedHeightCm: typeof height === 'number' ? height : null,
		problems
	};
}

/** The top of a chart axis: the value rounded up to 1, 2 or 5 × a power of ten (4,150 → 5,000). */
export function niceCeiling(value: number): number {
	if (!(value > 0)) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	const step = [1, 2, 5, 10].find((s) => value <= s * power) ?? 10;
	return step * power;
}

/** A point with nothing typed in yet. */
export function isBlankPoint(text: SamplePointText): boolean {
	return (Object.values(text) as string[]).every((v) => v.trim() === '');
}

export interface SurveyText extends SurveyInputsText {
	crop: SurveyCrop;
	points: SamplePointText[];
}

/**
 * The whole survey form read at once: each point's problems, the survey-wide ones, the result of the points
 * complete so far (live, from 3 points on), and the detail to store once everything is right.
 */
export function readSurvey(text: SurveyText, thresholds: GradeThresholds | null) {
	const read = text.points.map((p) => readSamplePoint(p, text.crop));
	const filled = read.flatMap((r) => (r.point ? [r.point] : []));
	const inputs = readSurveyInputs(text);
	const options: SurveyOptions = {
		crop: text.crop,
		basis: inputs.basis,
		expectedHeightCm: inputs.expectedHeightCm,
		thresholds
	};
	const complete = filled.length === text.points.length;
	const level = filled.length ? surveyProblems(filled, options) : {};
	if (!complete) delete level.points;
	else if (!filled.length)
		level.points = { kind: 'out-of-range', range: { min: MIN_POINTS, max: MAX_POINTS } };
	const ok = complete && !Object.keys(inputs.problems).length && !Object.keys(level).length;
	return {
		points: read.map((r) => r.problems),
		inputs: inputs.problems,
		level,
		result: filled.length >= MIN_POINTS ? surveyResult(filled, options) : null,
		detail: ok ? surveyDetail(filled, options) : null
	};
}

/**
 * The newest done sowing record with a seed rate, in kg/亩 (斤 halved), from a field's records newest first:
 * seeds per 亩 can be worked out from it with the hundred-seed weight.
 */
export function latestSowing(
	logs: readonly { type: string; status: string; at: number; details?: Record<string, unknown> }[]
): { kgPerMu: number; at: number; crop: string } | null {
	for (const log of logs) {
		const rate = log.details?.seedRate as { value?: unknown; unit?: unknown } | undefined;
		if (log.type !== 'sowing' || log.status !== 'done' || typeof rate?.value !== 'number') continue;
		if (!(rate.value > 0)) continue;
		const crop = log.details?.crop;
		return {
			kgPerMu: rate.unit === 'jin' ? rate.value * KG_PER_JIN : rate.value,
			at: log.at,
			crop: typeof crop === 'string' ? crop : ''
		};
	}
	return null;
}
