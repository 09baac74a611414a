import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	OLD_DEFAULT_THRESHOLDS,
	EMPTY_POINT_TEXT,
	gradeOf,
	INDICATORS,
	isSurveyDetail,
	niceCeiling,
	perHectare,
	plantsPerMu,
	pointText,
	readSamplePoint,
	readSurvey,
	readSurveyInputs,
	isBlankPoint,
	latestSowing,
	readThresholds,
	seedsPerMu,
	spread,
	surveyDetail,
	surveyHistory,
	surveyProblems,
	surveyResult,
	SURVEY_CROPS,
	thresholdProblems,
	cropFromName,
	type GradeThresholds,
	type Indicators,
	type SamplePoint,
	type SamplePointText,
	type SurveyDetail,
	type SurveyOptions
} from './seedling-survey';
import { surveyDetailSchema } from './record-schemas/survey';

const point = (plantsPerMetre: number, heightCm: number | null = 12): SamplePoint => ({
	plantsPerMetre,
	rowSpacingCm: 65,
	heightCm,
	leaves: 4,
	stage: 'V3',
	uniformity: 'even',
	pests: ''
});

/** A point where the farmer classed the plants 一类 / 二类 / 三类, as the lesson teaches. */
const classedPoint = (first: number, second: number, third: number): SamplePoint => ({
	...point(4),
	classCounts: { first, second, third }
});

/** A survey as an older version saved it: graded by its own limits, without the lesson's fields. */
function oldShape(detail: SurveyDetail): SurveyDetail {
	const old: SurveyDetail = { ...detail, points: detail.points.map((p) => ({ ...p })) };
	delete old.gradeBy;
	delete old.plantClasses;
	delete old.stationGrade;
	for (const p of old.points) delete p.classCounts;
	return old;
}

const maize: SurveyOptions = {
	crop: 'maize',
	basis: { kind: 'seeds', perMu: 4500 },
	expectedHeightCm: 12,
	thresholds: OLD_DEFAULT_THRESHOLDS.maize
};

describe('the lesson’s grade: plants classed 一/二/三类 at each point', () => {
	// lesson 苗情调查, "给地块定类": add up each class over the five points; the class with the most plants is
	// the one the field mainly has; also note the share of 一类 plants
	const noStation: SurveyOptions = { ...maize, thresholds: null };

	it('is the class with the most plants, with the share of 一类 plants', () => {
		// 5 points of 10 plants: 一类 6+7+5+8+6 = 32, 二类 3+2+4+2+3 = 14, 三类 1+1+1+0+1 = 4 → 一类, 32/50 = 64 %
		const points = [
			classedPoint(6, 3, 1),
			classedPoint(7, 2, 1),
			classedPoint(5, 4, 1),
			classedPoint(8, 2, 0),
			classedPoint(6, 3, 1)
		];
		const r = surveyResult(points, noStation)!;
		expect(r.plantClasses).toEqual({ first: 32, second: 14, third: 4 });
		expect(r.byPlants).toEqual({ grade: 1, firstShare: 64, tie: false });
		expect(r.grade).toBe(1);
		expect(r.gradeBy).toBe('plants');
		// no station numbers: no numeric grade at all, whatever emergence and height say
		expect(r.stationGrade).toBeNull();
		expect(r.classes).toEqual({});
	});

	it('gives 二类 when most plants are 二类, even if 一类 plants are a third', () => {
		// 一类 4+3+3 = 10, 二类 5+6+5 = 16, 三类 1+1+2 = 4 → 二类, 10/30 = 33.3 %
		const r = surveyResult(
			[classedPoint(4, 5, 1), classedPoint(3, 6, 1), classedPoint(3, 5, 2)],
			noStation
		)!;
		expect(r.grade).toBe(2);
		expect(r.byPlants?.firstShare).toBeCloseTo(33.33, 2);
	});

	it('gives the worse class on a tie (our choice) and says it tied', () => {
		const r = surveyResult(
			[classedPoint(5, 5, 0), classedPoint(5, 5, 0), classedPoint(5, 5, 0)],
			noStation
		)!;
		expect(r.byPlants).toEqual({ grade: 2, firstShare: 50, tie: true });
	});

	it('with no plants classed and no station numbers, the field is not classed', () => {
		const r = surveyResult([point(4), point(4), point(4)], noStation)!;
		expect(r.grade).toBeNull();
		expect(r.gradeBy).toBeNull();
		expect(surveyDetail([point(4), point(4), point(4)], noStation)).toMatchObject({
			grade: null,
			gradeBy: null,
			thresholds: null,
			plantClasses: null,
			stationGrade: null
		});
	});

	it('shows the station’s grade beside the lesson’s; the classed plants decide the field’s class', () => {
		// 12 cm plants where 12 cm is normal, 93 % emergence: 一类 by these station numbers; the plants say 三类
		const points = [classedPoint(1, 2, 7), classedPoint(2, 2, 6), classedPoint(1, 3, 6)];
		const r = surveyResult(points, maize)!;
		expect(r.stationGrade).toBe(1);
		expect(r.grade).toBe(3);
		expect(r.gradeBy).toBe('plants');
		// with no plants classed, the station's numbers give the class
		expect(surveyResult([point(4), point(4), point(4)], maize)).toMatchObject({
			grade: 1,
			gradeBy: 'station'
		});
	});

	it('stores the classes so that they read back, and refuses a stored class the plants do not give', () => {
		const points = [classedPoint(1, 2, 7), classedPoint(2, 2, 6), classedPoint(1, 3, 6)];
		const detail = surveyDetail(points, noStation)!;
		expect(detail).toMatchObject({
			grade: 3,
			gradeBy: 'plants',
			plantClasses: { first: 4, second: 7, third: 19 },
			thresholds: null
		});
		expect(isSurveyDetail(JSON.parse(JSON.stringify(detail)))).toBe(true);
		expect(isSurveyDetail({ ...detail, grade: 1 })).toBe(false);
		expect(isSurveyDetail({ ...detail, plantClasses: { first: 30, second: 0, third: 0 } })).toBe(
			false
		);
	});

	it('still reads a survey an older version saved, graded by its numeric limits', () => {
		const old = oldShape(surveyDetail([point(4), point(4), point(4)], maize)!);
		expect(old).not.toHaveProperty('gradeBy');
		expect(isSurveyDetail(JSON.parse(JSON.stringify(old)))).toBe(true);
		expect(
			surveyHistory([{ id: 'o', at: 1, type: 'observation', details: { survey: old } }])
		).toEqual([{ id: 'o', at: 1, densityPerMu: old.densityPerMu, grade: 1 }]);
		// an old survey always had its limits
		expect(isSurveyDetail({ ...old, thresholds: null })).toBe(false);
	});

	it('the record schema the server checks takes the old and the new shape, and refuses a forged class', () => {
		const points = [classedPoint(1, 2, 7), classedPoint(2, 2, 6), classedPoint(1, 3, 6)];
		const fresh = JSON.parse(JSON.stringify(surveyDetail(points, noStation))) as SurveyDetail;
		const old: unknown = JSON.parse(
			JSON.stringify(oldShape(surveyDetail([point(4), point(4), point(4)], maize)!))
		);
		expect(surveyDetailSchema.safeParse(fresh).success).toBe(true);
		expect(surveyDetailSchema.safeParse(old).success).toBe(true);
		expect(surveyDetailSchema.safeParse({ ...fresh, grade: 1 }).success).toBe(false);
		const halfPlant = {
			...fresh,
			points: [
				{ ...fresh.points[0], classCounts: { first: 0.5, second: 2, third: 7 } },
				...fresh.points.slice(1)
			]
		};
		expect(surveyDetailSchema.safeParse(halfPlant).success).toBe(false);
	});
});

describe('density', () => {
	it('turns plants per metre of row into plants per 亩 and per ha', () => {
		// 4 plants per metre on 65 cm ridges: 4 ÷ 0.65 m = 6.15 plants/m² × 666.7 m² = 4,103 plants/亩;
		// × 15 亩/ha = 61,538/ha (= 6.15 plants/m² × 10,000 m²)
		expect(plantsPerMu(4, 65)).toBeCloseTo(4102.6, 1);
		expect(perHectare(plantsPerMu(4, 65))).toBeCloseTo((4 / 0.65) * 10_000, 6);
		// the brief's rule of thumb: plants per m ÷ row spacing m × 666.7
		expect(plantsPerMu(5, 60)).toBeCloseTo((5 / 0.6) * 666.7, 0);
	});

	it('counts seeds sown per 亩 from kg/亩 and the hundred-seed weight', () => {
		// 2.5 kg/亩 of maize with 百粒重 33 g: 2500 g ÷ 0.33 g = 7,576 seeds
		expect(seedsPerMu(2.5, 33)).toBeCloseTo(7575.8, 1);
	});
});

describe('spread', () => {
	it('gives mean, sample standard deviation and coefficient of variation', () => {
		const s = spread([2, 4, 4, 4, 5, 5, 7, 9])!;
		expect(s.mean).toBe(5);
		expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 10);
		expect(s.cv).toBeCloseTo((Math.sqrt(32 / 7) / 5) * 100, 10);
		expect(spread([3])).toMatchObject({ n: 1, mean: 3, sd: 0, cv: 0 });
		expect(spread([0, 0])?.cv).toBeNull();
		expect(spread([])).toBeNull();
	});
});

describe('a five-point maize survey', () => {
	const points = [4.0, 4.2, 4.1, 3.9, 4.3].map((n) => point(n));
	it('gives density, emergence, missing plants and a grade', () => {
		const r = surveyResult(points, maize)!;
		// mean 4.1 plants per metre on 65 cm → 4,205 plants/亩; 4,205 ÷ 4,500 seeds = 93.4 % emergence
		expect(r.density.mean).toBeCloseTo((4.1 / 0.65) * (10000 / 15), 6);
		expect(r.emergence).toBeCloseTo(93.45, 1);
		expect(r.missing).toBeCloseTo(6.55, 1);
		expect(r.height?.cv).toBe(0);
		expect(r.grade).toBe(1);
		expect(r.stage).toBe('V3');
		expect(r.uniformity).toEqual({ even: 5, fair: 0, uneven: 0 });
	});

	it('grades by the worst indicator: a thin stand is 三类, short plants 二类', () => {
		expect(surveyResult(points, { ...maize, basis: { kind: 'target', perMu: 6000 } })?.grade).toBe(
			3
		);
		const short = [10, 10, 9, 10, 10].map((h) => point(4.1, h));
		const r = surveyResult(short, maize)!;
		expect(r.indicators.heightRatio).toBeCloseTo((9.8 / 12) * 100, 6);
		expect(r.classes).toEqual({ emergence: 1, heightCv: 1, heightRatio: 2 });
		expect(r.grade).toBe(2);
	});

	it('leaves out what was not measured: no basis, no emergence; under 3 heights, no CV', () => {
		const r = surveyResult([point(4, null), point(4, 12), point(4, 30)], {
			...maize,
			basis: null,
			expectedHeightCm: null
		})!;
		expect(r.emergence).toBeNull();
		expect(r.missing).toBeNull();
		expect(r.indicators).toEqual({ emergence: null, heightCv: null, heightRatio: null });
		expect(r.grade).toBeNull();
	});

	it('stores a survey that reads back, and refuses one with too few points', () => {
		const detail = surveyDetail(points, maize)!;
		expect(detail).toMatchObject({
			kind: 'seedling',
			densityPerMu: 4205,
			emergence: 93.4,
			grade: 1
		});
		expect(isSurveyDetail(JSON.parse(JSON.stringify(detail)))).toBe(true);
		// the screen's limits are reactive proxies, which structuredClone refuses
		const proxied = new Proxy(OLD_DEFAULT_THRESHOLDS.maize, {});
		expect(surveyDetail(points, { ...maize, thresholds: proxied })?.thresholds).toEqual(
			OLD_DEFAULT_THRESHOLDS.maize
		);
		expect(surveyDetail(points.slice(0, 2), maize)).toBeNull();
		expect(isSurveyDetail({ ...detail, points: points.slice(0, 2) })).toBe(false);
		expect(
			isSurveyDetail({ ...detail, points: [...points, { ...point(4), rowSpacingCm: 0 }] })
		).toBe(false);
		expect(isSurveyDetail({ ...detail, thresholds: { emergence: 90 } })).toBe(false);
	});

	it('refuses a stand far above the seeds sown, and a basis out of range, with the range', () => {
		expect(surveyProblems(points, { ...maize, basis: { kind: 'seeds', perMu: 3000 } })).toEqual({
			emergence: { kind: 'out-of-range', range: { min: 0, max: 120 } }
		});
		// against a target, more plants than aimed for is possible
		expect(surveyProblems(points, { ...maize, basis: { kind: 'target', perMu: 3000 } })).toEqual(
			{}
		);
		expect(surveyProblems(points, { ...maize, basis: { kind: 'seeds', perMu: 5 } }).basis).toEqual({
			kind: 'out-of-range',
			range: { min: 100, max: 2_000_000 }
		});
		expect(surveyProblems(Array(11).fill(point(4)), maize).points).toEqual({
			kind: 'out-of-range',
			range: { min: 3, max: 10 }
		});
	});
});

describe('reading a typed point', () => {
	it('reads numbers as people type them', () => {
		const { point: p, problems } = readSamplePoint(
			{ ...EMPTY_POINT_TEXT, plantsPerMetre: '４,５', rowSpacingCm: '65', stage: 'V2' },
			'maize'
		);
		expect(problems).toEqual({});
		expect(p).toEqual({
			plantsPerMetre: 4.5,
			rowSpacingCm: 65,
			heightCm: null,
			leaves: null,
			stage: 'V2',
			uniformity: null,
			pests: '',
			classCounts: null
		});
		expect(readSamplePoint(pointText(p!), 'maize').point).toEqual(p);
	});

	it('reads the plants classed at a point: a blank class is 0 once another is typed; halves and slips are refused', () => {
		const base = { ...EMPTY_POINT_TEXT, plantsPerMetre: '4', rowSpacingCm: '65' };
		const classed = readSamplePoint({ ...base, class1: '6', class2: '3' }, 'maize').point!;
		expect(classed.classCounts).toEqual({ first: 6, second: 3, third: 0 });
		expect(readSamplePoint(pointText(classed), 'maize').point).toEqual(classed);
		expect(readSamplePoint({ ...base, class1: '2.5' }, 'maize').problems).toEqual({
			class1: { kind: 'not-whole' }
		});
		expect(readSamplePoint({ ...base, class3: '5000' }, 'maize').problems).toEqual({
			class3: { kind: 'out-of-range', range: { min: 0, max: 1000 } }
		});
		// a draft kept before the classes were asked has no class boxes at all
		const oldDraft: SamplePointText = { ...base };
		delete oldDraft.class1;
		delete oldDraft.class2;
		delete oldDraft.class3;
		expect(readSamplePoint(oldDraft, 'maize').point?.classCounts).toBeNull();
	});

	it('names each bad box with the expected range', () => {
		const { point: p, problems } = readSamplePoint(
			{
				...EMPTY_POINT_TEXT,
				plantsPerMetre: '45',
				rowSpacingCm: '',
				heightCm: 'abc',
				stage: 'VC'
			},
			'maize'
		);
		expect(p).toBeNull();
		expect(problems).toEqual({
			plantsPerMetre: { kind: 'out-of-range', range: { min: 0, max: 30 } },
			rowSpacingCm: { kind: 'required' },
			heightCm: { kind: 'not-a-number' },
			stage: { kind: 'not-an-option' }
		});
		// 45 seedlings in a metre of rice row is normal
		expect(
			readSamplePoint({ ...EMPTY_POINT_TEXT, plantsPerMetre: '45', rowSpacingCm: '30' }, 'rice')
				.problems
		).toEqual({});
	});
});

describe('thresholds', () => {
	it('accepts the defaults, refuses out-of-range and upside-down limits', () => {
		for (const crop of SURVEY_CROPS)
			expect(thresholdProblems(OLD_DEFAULT_THRESHOLDS[crop])).toEqual({});
		const bad: GradeThresholds = {
			emergence: { first: 70, second: 80 },
			heightCv: { first: 30, second: 20 },
			heightRatio: { first: 250, second: 75 }
		};
		expect(thresholdProblems(bad)).toEqual({
			emergence: { kind: 'order' },
			heightCv: { kind: 'order' },
			'heightRatio.first': { kind: 'out-of-range', range: { min: 0, max: 200 } }
		});
	});

	it('reads the station’s stored limits; a crop with unusable limits, or an older version’s untouched defaults, has none', () => {
		const mine = { ...OLD_DEFAULT_THRESHOLDS.maize, emergence: { first: 95, second: 85 } };
		const read = readThresholds({
			maize: mine,
			soybean: { emergence: 'x' },
			rice: OLD_DEFAULT_THRESHOLDS.rice
		});
		expect(read.maize?.emergence).toEqual({ first: 95, second: 85 });
		expect(read.soybean).toBeNull();
		expect(read.rice).toBeNull();
		expect(Object.values(readThresholds(null)).every((t) => t === null)).toBe(true);
	});
});

describe('grade is monotone', () => {
	const value = fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null });
	const limits = (max: number) =>
		fc
			.tuple(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }))
			.map(([a, b]) => ({ high: Math.max(a, b), low: Math.min(a, b) }));
	const thresholds = fc
		.tuple(limits(100), limits(100), limits(200))
		.map(([e, cv, h]): GradeThresholds => ({
			emergence: { first: e.high, second: e.low },
			heightCv: { first: cv.low, second: cv.high },
			heightRatio: { first: h.high, second: h.low }
		}));
	const indicators = fc.record<Indicators>({
		emergence: value,
		heightCv: value,
		heightRatio: value
	});
	const gain = fc.double({ min: 0, max: 100, noNaN: true });

	it('better indicators never give a worse class', () => {
		fc.assert(
			fc.property(thresholds, indicators, gain, gain, gain, (t, ind, a, b, c) => {
				const better: Indicators = {
					emergence: ind.emergence === null ? null : ind.emergence + a,
					heightCv: ind.heightCv === null ? null : Math.max(0, ind.heightCv - b),
					heightRatio: ind.heightRatio === null ? null : ind.heightRatio + c
				};
				const before = gradeOf(ind, t);
				const after = gradeOf(better, t);
				if (before.grade !== null) expect(after.grade!).toBeLessThanOrEqual(before.grade);
				for (const key of INDICATORS)
					if (before.classes[key])
						expect(after.classes[key]!).toBeLessThanOrEqual(before.classes[key]);
			})
		);
	});

	it('more plants per metre at any point never lowers the class', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0.5, max: 12, noNaN: true }), { minLength: 3, maxLength: 10 }),
				fc.nat({ max: 9 }),
				fc.double({ min: 0, max: 5, noNaN: true }),
				(counts, at, more) => {
					const points = counts.map((n) => point(n));
					const denser = points.map((p, i) =>
						i === at % points.length ? { ...p, plantsPerMetre: p.plantsPerMetre + more } : p
					);
					const options = { ...maize, basis: { kind: 'target' as const, perMu: 4500 } };
					const before = surveyResult(points, options)!.grade!;
					expect(surveyResult(denser, options)!.grade!).toBeLessThanOrEqual(before);
				}
			)
		);
	});
});

describe('a field’s surveys over time', () => {
	it('keeps only readable surveys, oldest first', () => {
		const detail = surveyDetail(
			[4, 4, 4].map((n) => point(n)),
			maize
		)!;
		const history = surveyHistory([
			{ id: 'b', at: 20, type: 'observation', details: { survey: detail } },
			{ id: 'x', at: 15, type: 'observation', details: { survey: { kind: 'seedling' } } },
			{ id: 'n', at: 12, type: 'observation', details: {} },
			{
				id: 'a',
				at: 10,
				type: 'observation',
				details: { survey: { ...oldShape(detail), grade: 2 } }
			}
		]);
		expect(history.map((h) => [h.id, h.grade])).toEqual([
			['a', 2],
			['b', 1]
		]);
	});

	it('knows crops by the names farmers give them', () => {
		expect(cropFromName('玉米')).toBe('maize');
		expect(cropFromName('黄豆')).toBe('soybean');
		expect(cropFromName('水稻')).toBe('rice');
		expect(cropFromName('春小麦')).toBe('springWheat');
		expect(cropFromName('土豆')).toBe('potato');
		expect(cropFromName('白菜')).toBeNull();
	});
});

describe('reading the survey-wide boxes', () => {
	it('reads the sowing basis and the normal height, blank meaning not given', () => {
		expect(readSurveyInputs({ basisKind: 'seeds', basis: '4500', expectedHeight: '' })).toEqual({
			basis: { kind: 'seeds', perMu: 4500 },
			expectedHeightCm: null,
			problems: {}
		});
		expect(readSurveyInputs({ basisKind: 'target', basis: '45', expectedHeight: '几' })).toEqual({
			basis: null,
			expectedHeightCm: null,
			problems: {
				basis: { kind: 'out-of-range', range: { min: 100, max: 2_000_000 } },
				expectedHeight: { kind: 'not-a-number' }
			}
		});
	});
});

describe('chart axis', () => {
	it('rounds the top of the axis up to 1, 2 or 5 × a power of ten', () => {
		expect([4150, 5000, 5001, 1200, 0.3, 0, 90_000].map(niceCeiling)).toEqual([
			5000, 5000, 10_000, 2000, 0.5, 1, 100_000
		]);
	});
});

describe('the survey form', () => {
	const typed = (plants: string[]) =>
		plants.map((p) => ({ ...EMPTY_POINT_TEXT, plantsPerMetre: p, rowSpacingCm: p ? '65' : '' }));
	it('shows results from 3 complete points, and gives a detail to save only when all is right', () => {
		const text = {
			crop: 'maize' as const,
			basisKind: 'seeds' as const,
			basis: '4500',
			expectedHeight: '',
			points: typed(['4', '4,2', '3.9', '', ''])
		};
		const live = readSurvey(text, OLD_DEFAULT_THRESHOLDS.maize);
		expect(live.result?.density.n).toBe(3);
		expect(live.detail).toBeNull();
		expect(live.points[3]).toEqual({
			plantsPerMetre: { kind: 'required' },
			rowSpacingCm: { kind: 'required' }
		});
		expect(isBlankPoint(text.points[3]!)).toBe(true);
		// mean 4.04 plants per metre on 65 cm = 4,144 plants/亩, 92 % of 4,500 seeds
		const done = readSurvey(
			{ ...text, points: typed(['4', '4,2', '3.9', '4.1', '4']) },
			OLD_DEFAULT_THRESHOLDS.maize
		);
		expect(done.detail).toMatchObject({ densityPerMu: 4144, grade: 1 });
		expect(
			readSurvey(
				{ ...text, basis: '2000', points: typed(['4', '4,2', '3.9', '4.1', '4']) },
				OLD_DEFAULT_THRESHOLDS.maize
			).level
		).toEqual({
			emergence: { kind: 'out-of-range', range: { min: 0, max: 120 } }
		});
	});
});

describe('the field’s sowing record', () => {
	it('is the newest done sowing with a rate, in kg/亩', () => {
		const logs = [
			{
				type: 'sowing',
				status: 'planned',
				at: 30,
				details: { seedRate: { value: 3, unit: 'kgPerMu' } }
			},
			{ type: 'observation', status: 'done', at: 25, details: {} },
			{
				type: 'sowing',
				status: 'done',
				at: 20,
				details: { crop: '玉米', seedRate: { value: 5, unit: 'jin' } }
			},
			{
				type: 'sowing',
				status: 'done',
				at: 10,
				details: { seedRate: { value: 2, unit: 'kgPerMu' } }
			}
		];
		expect(latestSowing(logs)).toEqual({ kgPerMu: 2.5, at: 20, crop: '玉米' });
		expect(latestSowing(logs.slice(0, 2))).toBeNull();
	});
});
