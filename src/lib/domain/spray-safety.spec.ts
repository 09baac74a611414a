import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	daysBetween,
	daysToWait,
	draftProblems,
	farmSpraySafety,
	formatMonthDay,
	ingredientKey,
	registrationKey,
	recordMarks,
	seasonOf,
	seasonSafety,
	type SafetyLog,
	type SprayProduct
} from './spray-safety';
import { dayStart, localDay } from './units';

/**
 * Worked examples from facts.md §2 (rice, mrc-fc.com/tech/201708/20/493.html): 25 % buprofezin (噻嗪酮) WP,
 * at most 2 sprays a season, 14 days before harvest; 50 % fenobucarb (仲丁威) EC, at most 4 sprays, 21 days.
 */
const buprofezin: SprayProduct = {
	id: 'buprofezin',
	name: '25% 噻嗪酮可湿性粉剂',
	preHarvestDays: 14,
	maxApplications: 2
};
const fenobucarb: SprayProduct = {
	id: 'fenobucarb',
	name: '50% 仲丁威乳油',
	preHarvestDays: 21,
	maxApplications: 4
};
const unlabelled: SprayProduct = {
	id: 'unlabelled',
	name: '没填间隔期的药',
	preHarvestDays: null,
	maxApplications: null
};
const products = new Map([buprofezin, fenobucarb, unlabelled].map((p) => [p.id, p]));

/** A time of day in Heilongjiang ("2026-08-29T23:30") as epoch ms. */
const at = (local: string) => Date.parse(`${local}:00+08:00`);
let next = 0;
const spray = (
	local: string,
	product: string,
	status: 'done' | 'planned' = 'done',
	fieldId = 'paddy'
): SafetyLog => ({
	id: `s${++next}`,
	type: 'spraying',
	fieldId,
	status,
	at: at(local),
	details: { product }
});
const harvest = (
	local: string,
	status: 'done' | 'planned' = 'done',
	fieldId = 'paddy'
): SafetyLog => ({
	id: `h${++next}`,
	type: 'harvest',
	fieldId,
	status,
	at: at(local),
	details: { quantity: { value: 6000, unit: 'kg' } }
});

describe('days in Heilongjiang', () => {
	it('adds and counts whole days across months and years', () => {
		expect(addDays('2026-08-29', 14)).toBe('2026-09-12');
		expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
		expect(daysBetween('2026-08-29', '2026-09-12')).toBe(14);
		expect(daysToWait('2026-09-12', '2026-09-10')).toBe(2);
		expect(daysToWait('2026-09-12', '2026-09-12')).toBe(0);
		expect(daysToWait('2026-09-12', '2026-10-01')).toBe(0);
	});

	it('takes the season from the calendar year in Heilongjiang, not UTC', () => {
		// 2025-12-31 16:30 UTC is already 1 January 2026 in Harbin
		expect(seasonOf(Date.UTC(2025, 11, 31, 16, 30))).toBe('2026');
		expect(seasonOf(Date.UTC(2025, 11, 31, 15, 30))).toBe('2025');
	});

	it('writes a safe day as the farmer reads it', () => {
		expect(formatMonthDay('2026-09-12', 'zh-CN')).toBe('9月12日');
		expect(formatMonthDay('2026-09-12', 'en')).toBe('September 12');
	});
});

describe('spray safety of a field in a season', () => {
	it('buprofezin sprayed on 29 August (14 days): harvest from 12 September', () => {
		const safety = seasonSafety([spray('2026-08-29T07:00', 'buprofezin')], products, '2026');
		expect(safety.safeDay).toBe('2026-09-12');
		expect(safety.safeBy?.product?.name).toBe('25% 噻嗪酮可湿性粉剂');
		expect(safety.products[0]).toMatchObject({ done: 1, lastDay: '2026-08-29' });
		expect(safety.problems).toEqual([]);
	});

	it('counts whole days in Heilongjiang: a spray late at night is still that day', () => {
		// 23:30 in Harbin on 29 August is 15:30 UTC the same day; 00:30 on the 29th is 28 August in UTC
		for (const time of ['2026-08-29T23:30', '2026-08-29T00:30'])
			expect(seasonSafety([spray(time, 'buprofezin')], products, '2026').safeDay).toBe(
				'2026-09-12'
			);
	});

	it('the latest safe day over products wins, whichever was sprayed last', () => {
		// fenobucarb on 5 August + 21 = 26 August; buprofezin on 10 August + 14 = 24 August
		const safety = seasonSafety(
			[
				spray('2026-07-20T08:00', 'buprofezin'),
				spray('2026-08-05T08:00', 'fenobucarb'),
				spray('2026-08-10T08:00', 'buprofezin')
			],
			products,
			'2026'
		);
		expect(safety.safeDay).toBe('2026-08-26');
		expect(safety.safeBy?.productId).toBe('fenobucarb');
		expect(safety.products.map((p) => [p.productId, p.done, p.safeDay])).toEqual([
			['buprofezin', 2, '2026-08-24'],
			['fenobucarb', 1, '2026-08-26']
		]);
		expect(safety.problems).toEqual([]);
	});

	it('a third buprofezin spray is past the label maximum of 2', () => {
		const third = spray('2026-08-15T08:00', 'buprofezin');
		const safety = seasonSafety(
			[spray('2026-07-20T08:00', 'buprofezin'), spray('2026-08-01T08:00', 'buprofezin'), third],
			products,
			'2026'
		);
		expect(safety.problems).toEqual([
			{
				kind: 'too-many-applications',
				productId: 'buprofezin',
				done: 3,
				max: 2,
				overIds: [third.id]
			}
		]);
	});

	it('fenobucarb four times is within its maximum; a fifth is not', () => {
		const days = ['06-20', '07-05', '07-20', '08-01'].map((d) =>
			spray(`2026-${d}T08:00`, 'fenobucarb')
		);
		expect(seasonSafety(days, products, '2026').problems).toEqual([]);
		const fifth = spray('2026-08-10T08:00', 'fenobucarb');
		expect(seasonSafety([...days, fifth], products, '2026').problems).toMatchObject([
			{ kind: 'too-many-applications', done: 5, max: 4, overIds: [fifth.id] }
		]);
	});

	it('planned sprays set no safe day and count apart, flagged when they would pass the maximum', () => {
		const safety = seasonSafety(
			[
				spray('2026-07-20T08:00', 'buprofezin'),
				spray('2026-08-01T08:00', 'buprofezin', 'planned'),
				spray('2026-08-20T08:00', 'buprofezin', 'planned')
			],
			products,
			'2026'
		);
		expect(safety.safeDay).toBe('2026-08-03');
		expect(safety.products[0]).toMatchObject({ done: 1, planned: 2 });
		expect(safety.problems).toEqual([
			{ kind: 'planned-too-many', productId: 'buprofezin', done: 1, planned: 2, max: 2 }
		]);
	});

	it('a product with no interval on record is named, not silently left out', () => {
		const safety = seasonSafety(
			[spray('2026-08-01T08:00', 'unlabelled'), spray('2026-08-02T08:00', 'gone-from-inventory')],
			products,
			'2026'
		);
		expect(safety.safeDay).toBeNull();
		expect(safety.problems).toEqual([
			{ kind: 'unknown-phi', productId: 'unlabelled' },
			{ kind: 'unknown-phi', productId: 'gone-from-inventory' }
		]);
		expect(safety.products.find((p) => p.productId === 'gone-from-inventory')?.product).toBeNull();
	});

	it('a harvest before the safe day is caught; on the safe day it is fine', () => {
		const early = harvest('2026-09-11T16:00');
		const onTime = harvest('2026-09-12T06:00');
		const safety = seasonSafety(
			[spray('2026-08-29T07:00', 'buprofezin'), early, onTime],
			products,
			'2026'
		);
		expect(safety.problems).toEqual([
			{
				kind: 'harvest-too-early',
				harvestId: early.id,
				harvestDay: '2026-09-11',
				safeDay: '2026-09-12',
				productId: 'buprofezin',
				phiDays: 14
			}
		]);
	});

	it('a spray after a harvest does not make that harvest wrong, nor does a planned spray', () => {
		const safety = seasonSafety(
			[
				spray('2026-08-01T07:00', 'buprofezin'),
				harvest('2026-09-01T08:00'),
				spray('2026-09-02T07:00', 'fenobucarb'),
				spray('2026-08-30T07:00', 'buprofezin', 'planned')
			],
			products,
			'2026'
		);
		expect(safety.problems).toEqual([]);
	});

	it('a planned harvest before the safe day is caught too, while it can still be moved', () => {
		const plan = harvest('2026-09-05T08:00', 'planned');
		const safety = seasonSafety([spray('2026-08-29T07:00', 'buprofezin'), plan], products, '2026');
		expect(safety.problems).toMatchObject([{ kind: 'harvest-too-early', harvestId: plan.id }]);
	});

	it('several harvest days do not start a new season: the count goes on', () => {
		const safety = seasonSafety(
			[
				spray('2026-07-01T07:00', 'buprofezin'),
				harvest('2026-07-20T08:00'),
				spray('2026-07-25T07:00', 'buprofezin'),
				spray('2026-08-01T07:00', 'buprofezin')
			],
			products,
			'2026'
		);
		expect(safety.problems).toMatchObject([{ kind: 'too-many-applications', done: 3 }]);
	});

	it('last year’s sprays count for last year only', () => {
		const logs = [
			spray('2025-08-01T07:00', 'buprofezin'),
			spray('2025-08-10T07:00', 'buprofezin'),
			spray('2026-07-01T07:00', 'buprofezin')
		];
		expect(seasonSafety(logs, products, '2026').products[0]).toMatchObject({ done: 1 });
		expect(seasonSafety(logs, products, '2026').problems).toEqual([]);
		expect(seasonSafety(logs, products, '2025').safeDay).toBe('2025-08-24');
	});
});

describe('the farm, the timeline and the record form', () => {
	it('works out each field apart', () => {
		const farm = farmSpraySafety(
			[
				spray('2026-08-01T07:00', 'buprofezin', 'done', 'east'),
				spray('2026-08-20T07:00', 'fenobucarb', 'done', 'west'),
				{ ...harvest('2026-08-02T07:00'), fieldId: null }
			],
			products,
			'2026'
		);
		expect([...farm.keys()].sort()).toEqual(['east', 'west']);
		expect(farm.get('east')?.safeDay).toBe('2026-08-15');
		expect(farm.get('west')?.safeDay).toBe('2026-09-10');
	});

	it('marks early harvests and sprays past the maximum, by record, in every season', () => {
		const early = harvest('2025-08-05T08:00');
		const third = spray('2026-08-01T07:00', 'buprofezin');
		const marks = recordMarks(
			[
				spray('2025-08-01T07:00', 'buprofezin'),
				early,
				spray('2026-07-01T07:00', 'buprofezin'),
				spray('2026-07-10T07:00', 'buprofezin'),
				third,
				spray('2026-07-10T07:00', 'buprofezin', 'done', 'other')
			],
			products
		);
		expect([...marks.keys()].sort()).toEqual([early.id, third.id].sort());
		expect(marks.get(early.id)).toMatchObject({ kind: 'harvest-too-early', safeDay: '2025-08-15' });
	});

	it('warns about a harvest being written before the safe day, and not about the one being changed', () => {
		const sprayed = spray('2026-08-29T07:00', 'buprofezin');
		const saved = harvest('2026-09-20T08:00');
		const draft = { ...saved, at: at('2026-09-10T08:00') };
		expect(draftProblems(draft, [sprayed, saved], products)).toMatchObject([
			{ kind: 'harvest-too-early', harvestId: saved.id, safeDay: '2026-09-12' }
		]);
		expect(draftProblems({ ...draft, fieldId: 'elsewhere' }, [sprayed, saved], products)).toEqual(
			[]
		);
		expect(draftProblems({ ...draft, at: Number.NaN }, [sprayed], products)).toEqual([]);
		expect(draftProblems(saved, [sprayed, saved], products)).toEqual([]);
	});

	it('warns about a spray being written that passes the maximum', () => {
		const logs = [spray('2026-07-20T08:00', 'buprofezin'), spray('2026-08-01T08:00', 'buprofezin')];
		const draft = { ...spray('2026-08-10T08:00', 'buprofezin'), id: 'new' };
		expect(draftProblems(draft, logs, products)).toMatchObject([
			{ kind: 'too-many-applications', done: 3, max: 2 }
		]);
		expect(draftProblems({ ...draft, details: { product: 'fenobucarb' } }, logs, products)).toEqual(
			[]
		);
	});
});

describe('spray safety rules hold for any records', () => {
	const dayArb = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n));
	const logArb = fc.record({
		kind: fc.constantFrom('spraying', 'harvest'),
		product: fc.constantFrom('buprofezin', 'fenobucarb', 'unlabelled'),
		status: fc.constantFrom<'done' | 'planned'>('done', 'planned'),
		day: dayArb,
		minute: fc.integer({ min: 0, max: 1439 })
	});
	const logsArb = fc.array(logArb, { maxLength: 25 }).map((list) =>
		list.map((l, i): SafetyLog => ({
			id: `r${i}`,
			type: l.kind,
			fieldId: 'f',
			status: l.status,
			at: dayStart(l.day) + l.minute * 60_000,
			details: l.kind === 'spraying' ? { product: l.product } : {}
		}))
	);

	it('the safe day is the latest done spray + interval, and only harvests before it are caught', () => {
		fc.assert(
			fc.property(logsArb, (logs) => {
				const safety = seasonSafety(logs, products, '2026');
				const known = logs.filter(
					(l) => l.type === 'spraying' && l.status === 'done' && l.details?.product !== 'unlabelled'
				);
				const expected = known
					.map((l) =>
						addDays(localDay(l.at), products.get(l.details?.product as string)!.preHarvestDays!)
					)
					.sort()
					.at(-1);
				expect(safety.safeDay).toBe(expected ?? null);
				const flagged = new Set(
					safety.problems.flatMap((p) => (p.kind === 'harvest-too-early' ? [p.harvestId] : []))
				);
				for (const h of logs.filter((l) => l.type === 'harvest')) {
					const day = localDay(h.at);
					const before = known.filter((s) => localDay(s.at) <= day);
					const needed = before
						.map((s) =>
							addDays(localDay(s.at), products.get(s.details?.product as string)!.preHarvestDays!)
						)
						.some((safe) => day < safe);
					expect(flagged.has(h.id)).toBe(needed);
				}
			})
		);
	});

	it('planned sprays never move the safe day; the counts add up', () => {
		fc.assert(
			fc.property(logsArb, (logs) => {
				const safety = seasonSafety(logs, products, '2026');
				const doneOnly = seasonSafety(
					logs.filter((l) => l.status === 'done' || l.type !== 'spraying'),
					products,
					'2026'
				);
				expect(safety.safeDay).toBe(doneOnly.safeDay);
				const sprays = logs.filter((l) => l.type === 'spraying');
				expect(safety.products.reduce((n, p) => n + p.done + p.planned, 0)).toBe(sprays.length);
			})
		);
	});
});

describe('counting by registration number and by active ingredient', () => {
	// The same 25 % buprofezin (噻嗪酮) WP label as above (at most 2 sprays a season, 14 days), bought twice and
	// typed into the inventory twice, and a second brand of the same ingredient with a 3-spray label.
	const reg = 'PD20080005';
	const bottleA: SprayProduct = {
		...buprofezin,
		id: 'bottle-a',
		registrationNo: reg,
		activeIngredient: '噻嗪酮 25%'
	};
	const bottleB: SprayProduct = {
		...buprofezin,
		id: 'bottle-b',
		name: '噻嗪酮（第二次买的）',
		registrationNo: ' pd2008 0005 ',
		activeIngredient: '噻嗪酮25%'
	};
	const otherBrand: SprayProduct = {
		id: 'other-brand',
		name: '另一个牌子的噻嗪酮',
		preHarvestDays: 14,
		maxApplications: 3,
		registrationNo: 'PD20150001',
		activeIngredient: '噻嗪酮 40%'
	};
	const mixed = new Map([bottleA, bottleB, otherBrand, fenobucarb].map((p) => [p.id, p]));

	it('counts two inventory items with one registration number as one product', () => {
		// 2 sprays from bottle A and 1 from bottle B: 3 sprays of one registered product, label allows 2
		const logs = [
			spray('2026-07-01T08:00', 'bottle-a'),
			spray('2026-07-10T08:00', 'bottle-b'),
			spray('2026-07-20T08:00', 'bottle-a')
		];
		const s = seasonSafety(logs, mixed, '2026');
		expect(s.products).toHaveLength(1);
		expect(s.products[0]).toMatchObject({
			registrationNo: reg,
			productIds: ['bottle-a', 'bottle-b'],
			done: 3,
			max: 2
		});
		expect(s.problems).toContainEqual({
			kind: 'too-many-applications',
			productId: 'bottle-a',
			done: 3,
			max: 2,
			overIds: [logs[2]!.id]
		});
		// per item, neither bottle went past 2: the old count missed this
		expect(recordMarks(logs, mixed).get(logs[2]!.id)?.kind).toBe('too-many-applications');
	});

	it('warns when two brands of one ingredient together go past the strictest label', () => {
		// 1 spray of the 2-spray brand and 2 of the 3-spray brand: each within its own label, 3 together > 2
		const logs = [
			spray('2026-07-01T08:00', 'bottle-a'),
			spray('2026-07-10T08:00', 'other-brand'),
			spray('2026-07-20T08:00', 'other-brand'),
			spray('2026-07-25T08:00', 'fenobucarb')
		];
		const s = seasonSafety(logs, mixed, '2026');
		expect(s.problems.filter((p) => p.kind === 'too-many-applications')).toEqual([]);
		expect(s.problems).toContainEqual({
			kind: 'ingredient-too-many',
			productId: 'bottle-a',
			ingredient: '噻嗪酮 25%',
			productIds: ['bottle-a', 'other-brand'],
			brandIds: ['bottle-a', 'other-brand'],
			done: 3,
			planned: 0,
			max: 2,
			overIds: [logs[2]!.id]
		});
		expect(recordMarks(logs, mixed).get(logs[2]!.id)?.kind).toBe('ingredient-too-many');
		// fenobucarb is another ingredient: not counted in
		expect(recordMarks(logs, mixed).has(logs[3]!.id)).toBe(false);
	});

	it('warns before a planned spray of another brand takes the ingredient past the strictest label', () => {
		const logs = [
			spray('2026-07-01T08:00', 'bottle-a'),
			spray('2026-07-10T08:00', 'bottle-b'),
			spray('2026-07-20T08:00', 'other-brand', 'planned')
		];
		const s = seasonSafety(logs, mixed, '2026');
		expect(s.problems).toContainEqual(
			expect.objectContaining({ kind: 'ingredient-planned-too-many', done: 2, planned: 1, max: 2 })
		);
		// the record being written is told, whichever brand it is
		const draft = spray('2026-07-22T08:00', 'other-brand');
		expect(draftProblems(draft, logs, mixed).map((p) => p.kind)).toContain('ingredient-too-many');
	});

	it('two sprays of two brands within the strictest label, and items with no registration number, stay apart', () => {
		const within = [
			spray('2026-07-01T08:00', 'bottle-a'),
			spray('2026-07-10T08:00', 'other-brand')
		];
		expect(seasonSafety(within, mixed, '2026').problems).toEqual([]);
		// without registration numbers, two items are two products, counted apart (as before)
		const logs = [
			spray('2026-07-01T08:00', 'buprofezin'),
			spray('2026-07-10T08:00', 'buprofezin'),
			spray('2026-07-20T08:00', 'fenobucarb')
		];
		expect(seasonSafety(logs, products, '2026').products.map((p) => [p.productId, p.done])).toEqual(
			[
				['fenobucarb', 1],
				['buprofezin', 2]
			]
		);
	});
});

describe('names compared', () => {
	it('drops the content, spaces and letter case, and keeps a name’s own digits', () => {
		expect(ingredientKey('噻嗪酮 25%')).toBe(ingredientKey('噻嗪酮25％'));
		expect(ingredientKey('高效氯氟氰菊酯 25克/升')).toBe('高效氯氟氰菊酯');
		expect(ingredientKey('2,4-滴丁酯 57%')).toBe('2,4-滴丁酯');
		expect(ingredientKey('Glyphosate 41%')).toBe('glyphosate');
		expect(ingredientKey('')).toBeNull();
		expect(registrationKey(' pd2008 0005')).toBe('PD20080005');
		expect(registrationKey('ＰＤ20080005')).toBe('PD20080005');
		expect(registrationKey(undefined)).toBeNull();
	});
});
