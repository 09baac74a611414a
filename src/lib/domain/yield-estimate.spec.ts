import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	atMoisture,
	COMPONENTS,
	cropFromText,
	DEFAULT_DISCOUNT,
	estimateYield,
	harvestAtStandard,
	perMuFromSample,
	sampleArea,
	sampleProblems,
	SETTINGS,
	STANDARD_MOISTURE,
	YIELD_CROPS,
	yieldProblems,
	type Bounds,
	type YieldInput
} from './yield-estimate';

const maize: YieldInput = {
	crop: 'maize',
	components: { ears: 4000, kernelsPerEar: 500, kernelWeight: 350 },
	discount: DEFAULT_DISCOUNT,
	moisture: null,
	standardMoisture: STANDARD_MOISTURE.maize,
	areaMu: null
};

describe('yield estimate, worked examples', () => {
	it('maize: ears × kernels × 1000-kernel weight, then 八五折', () => {
		// 理论产量 = 亩穗数 × 穗粒数 × 千粒重 ÷ 10⁶ (doczj.com/doc/5213316983.html), × 0.85 (bk.3456.tv/zhongzibk/16133):
		// 4000 × 500 × 350 g = 700,000,000 g… ÷ 10⁶ = 700 kg/亩; × 0.85 = 595 kg/亩 = 1190 斤/亩 = 8925 kg/ha
		const r = estimateYield({ ...maize, areaMu: 20 });
		expect(r.theoretical).toBeCloseTo(700, 9);
		expect(r.discounted).toBeCloseTo(595, 9);
		expect(r.kgPerMu).toBeCloseTo(595, 9);
		expect(r.jinPerMu).toBeCloseTo(1190, 9);
		expect(r.kgPerHa).toBeCloseTo(8925, 9);
		expect(r.totalKg).toBeCloseTo(11_900, 9);
	});

	it('maize weighed fresh at 30 % moisture, corrected to the standard 14 %', () => {
		// 实测产量 = … × (1 − 含水率) ÷ (1 − 14%) (m.kob123.com/nongyebaike/353209.html):
		// 595 × 70 ÷ 86 = 484.30 kg/亩
		const r = estimateYield({ ...maize, moisture: 30 });
		expect(r.discounted).toBeCloseTo(595, 9);
		expect(r.kgPerMu).toBeCloseTo(484.3, 2);
		expect(r.totalKg).toBeNull();
	});

	it('soybean: plants × pods × seeds per pod × 100-seed weight', () => {
		// 15,000 plants/亩 × 30 pods × 2.2 seeds × 20 g ÷ 100 = 198,000 g = 198 kg/亩; × 0.85 = 168.3 kg/亩
		// (336.6 斤/亩, inside the 300–500 斤 of news.ymt.com/encyclopedia/17599232946937900653)
		const r = estimateYield({
			crop: 'soybean',
			components: { plants: 15_000, podsPerPlant: 30, seedsPerPod: 2.2, seedWeight100: 20 },
			discount: 0.85,
			moisture: null,
			standardMoisture: 13,
			areaMu: null
		});
		expect(r.theoretical).toBeCloseTo(198, 9);
		expect(r.kgPerMu).toBeCloseTo(168.3, 9);
	});

	it('rice: panicles × grains × seed set × 1000-grain weight', () => {
		// 300,000 panicles/亩 × 100 grains × 90 % × 26 g ÷ 10⁶ = 702 kg/亩; × 0.85 = 596.7 kg/亩
		const r = estimateYield({
			crop: 'rice',
			components: { panicles: 300_000, grainsPerPanicle: 100, seedSet: 90, grainWeight: 26 },
			discount: 0.85,
			moisture: 14.5,
			standardMoisture: STANDARD_MOISTURE.rice,
			areaMu: 1
		});
		expect(r.theoretical).toBeCloseTo(702, 9);
		expect(r.kgPerMu).toBeCloseTo(596.7, 9);
	});

	it('turns ears counted along rows into ears per 亩', () => {
		// 2 rows of 10 m at 65 cm 垄距 = 13 m²; 78 ears there → 78 ÷ 13 × 666.67 = 4000 ears/亩
		const sample = { counted: 78, rows: 2, rowLength: 10, rowSpacing: 65 };
		expect(sampleArea(sample)).toBeCloseTo(13, 9);
		expect(perMuFromSample(sample)).toBeCloseTo(4000, 6);
		expect(sampleProblems(sample)).toEqual([]);
		expect(sampleProblems({ ...sample, rows: 0, rowSpacing: 650 })).toEqual([
			{ key: 'rows', min: 1, max: 100 },
			{ key: 'rowSpacing', min: 10, max: 200 }
		]);
	});
});

describe('yield estimate, refusals', () => {
	it('names every number out of its range, with the range', () => {
		expect(yieldProblems(maize)).toEqual([]);
		expect(
			yieldProblems({
				...maize,
				components: { ears: -4000, kernelsPerEar: 5000, kernelWeight: Number.NaN },
				moisture: 75,
				areaMu: 0
			})
		).toEqual([
			{ key: 'ears', min: 100, max: 10_000 },
			{ key: 'kernelsPerEar', min: 0, max: 1200 },
			{ key: 'kernelWeight', min: 50, max: 600 },
			{ key: 'moisture', min: 0, max: 60 },
			{ key: 'areaMu', min: 0.01, max: 100_000 }
		]);
	});

	it('asks for the components of the chosen crop', () => {
		expect(yieldProblems({ ...maize, crop: 'rice' }).map((p) => p.key)).toEqual([
			'panicles',
			'grainsPerPanicle',
			'seedSet',
			'grainWeight'
		]);
	});
});

describe('a harvest at standard moisture', () => {
	it('counts 13,000 kg of maize at 26 % as 11,186 kg at 14 %', () => {
		// 13,000 × (100 − 26) ÷ (100 − 14) = 11,186.05 kg (the formula of m.kob123.com/nongyebaike/353209.html)
		const details = {
			quantity: { value: 13_000, unit: 'kg' as const },
			moisture: { value: 26, unit: 'percent' as const }
		};
		expect(harvestAtStandard(details, 'maize')?.kg).toBeCloseTo(11_186.05, 2);
		expect(harvestAtStandard(details, 'maize')?.standardMoisture).toBe(14);
		// 斤 are weighed as kg; soybean's standard is 13 %
		const jin = { ...details, quantity: { value: 26_000, unit: 'jin' as const } };
		expect(harvestAtStandard(jin, 'soybean')?.kg).toBeCloseTo((13_000 * 74) / 87, 6);
	});

	it('says nothing without a moisture or a known crop', () => {
		const quantity = { value: 500, unit: 'kg' as const };
		expect(harvestAtStandard({ quantity }, 'maize')).toBeNull();
		expect(
			harvestAtStandard({ quantity, moisture: { value: 20, unit: 'percent' } }, null)
		).toBeNull();
	});
});

describe('reading the crop of a field', () => {
	it('knows the usual names and leaves others alone', () => {
		expect(cropFromText('玉米')).toBe('maize');
		expect(cropFromText(' 苞米 ')).toBe('maize');
		expect(cropFromText('大豆')).toBe('soybean');
		expect(cropFromText('Rice')).toBe('rice');
		expect(cropFromText('水稻')).toBe('rice');
		expect(cropFromText('马铃薯')).toBeNull();
		expect(cropFromText(undefined)).toBeNull();
	});
});

// ---- properties ----

const inRange = (b: Bounds) => fc.double({ min: b.min, max: b.max, noNaN: true });

/** A valid estimate input of some crop, with no moisture correction unless asked. */
const validInput: fc.Arbitrary<YieldInput> = fc.constantFrom(...YIELD_CROPS).chain((crop) => {
	const bounds: Record<string, Bounds> = COMPONENTS[crop];
	return fc.record({
		crop: fc.constant(crop),
		components: fc.record(
			Object.fromEntries(Object.entries(bounds).map(([k, b]) => [k, inRange(b)]))
		),
		discount: inRange(SETTINGS.discount),
		moisture: fc.option(inRange(SETTINGS.moisture), { nil: null }),
		standardMoisture: inRange(SETTINGS.standardMoisture),
		areaMu: fc.option(inRange(SETTINGS.areaMu), { nil: null })
	});
});

describe('yield estimate, properties', () => {
	it('any input in range gives a finite yield that is never negative, and is accepted', () => {
		fc.assert(
			fc.property(validInput, (input) => {
				expect(yieldProblems(input)).toEqual([]);
				const r = estimateYield(input);
				for (const v of [r.theoretical, r.kgPerMu, r.jinPerMu, r.kgPerHa, r.totalKg ?? 0]) {
					expect(Number.isFinite(v)).toBe(true);
					expect(v).toBeGreaterThanOrEqual(0);
				}
			})
		);
	});

	it('more of any component (or a milder discount) never gives less yield', () => {
		fc.assert(
			fc.property(validInput, fc.double({ min: 0, max: 1, noNaN: true }), (input, t) => {
				const before = estimateYield(input).kgPerMu;
				const bounds: Record<string, Bounds> = {
					...(COMPONENTS[input.crop] as Record<string, Bounds>),
					discount: SETTINGS.discount
				};
				for (const [key, b] of Object.entries(bounds)) {
					const more = (v: number) => v + t * (b.max - v);
					const after =
						key === 'discount'
							? estimateYield({ ...input, discount: more(input.discount) })
							: estimateYield({
									...input,
									components: { ...input.components, [key]: more(input.components[key]!) }
								});
					expect(after.kgPerMu).toBeGreaterThanOrEqual(before * (1 - 1e-12));
				}
			})
		);
	});

	it('the same fresh weight with more water in it is less grain at standard moisture', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 5000, noNaN: true }),
				inRange(SETTINGS.moisture),
				inRange(SETTINGS.moisture),
				inRange(SETTINGS.standardMoisture),
				(kg, a, b, standard) => {
					const [drier, wetter] = a <= b ? [a, b] : [b, a];
					expect(atMoisture(kg, wetter, standard)).toBeLessThanOrEqual(
						atMoisture(kg, drier, standard) * (1 + 1e-12)
					);
				}
			)
		);
	});

	it('grain at standard moisture stays as it is; the units agree (1 ha = 15 亩, 1 斤 = 0.5 kg)', () => {
		fc.assert(
			fc.property(validInput, (input) => {
				const plain = estimateYield({ ...input, moisture: null });
				const atStandard = estimateYield({ ...input, moisture: input.standardMoisture });
				expect(atStandard.kgPerMu).toBeCloseTo(plain.kgPerMu, 6);
				expect(plain.kgPerHa).toBeCloseTo(plain.kgPerMu * 15, 6);
				expect(plain.jinPerMu).toBeCloseTo(plain.kgPerMu * 2, 6);
			})
		);
	});
});
