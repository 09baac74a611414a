import { describe, expect, it } from 'vitest';
import {
	batches,
	f1,
	harvestBatch,
	input,
	inputs as seasonInputs,
	log,
	partA,
	season
} from '../../../tests/fixtures/trace-season';
import { bannedIn, cropGroupsOf } from './banned-pesticides';
import { certificatePromises, type CertificateBasis } from './certificate-promises';
import type { InputRecord, LogRecord } from './records';
import { traceChain } from './trace';

// the season's products with their labels' active ingredients filled in, as the label scanner does
const inputs: InputRecord[] = seasonInputs.map((i) =>
	i.id === 'bup'
		? { ...i, activeIngredient: '噻嗪酮 25%', toxicity: 'low' }
		: i.id === 'iso'
			? { ...i, activeIngredient: '稻瘟灵 40%', toxicity: 'low' }
			: i
);

const clean = [season.sowing, season.base, season.sprayKept, season.harvest];

function promises(
	logs: LogRecord[],
	{
		products = inputs,
		today = '2026-09-28',
		basis
	}: { products?: InputRecord[]; today?: string; basis?: CertificateBasis } = {}
) {
	const chain = traceChain(harvestBatch, batches, logs, [f1], products);
	return certificatePromises(chain, { today, basis });
}

const states = (p: ReturnType<typeof promises>) => p.items.map((i) => [i.item, i.state]);
const item = (p: ReturnType<typeof promises>, name: string) =>
	p.items.find((i) => i.item === name)!;

describe('certificatePromises', () => {
	it('a clean batch ticks every box: interval kept, known products, nothing banned', () => {
		const p = promises(clean);
		expect(states(p)).toEqual([
			['noBanned', 'kept'],
			['intervals', 'kept'],
			['residues', 'kept']
		]);
		expect(p.blocked).toBe(false);
		expect(p.verdict).toEqual({ kind: 'ok' });
		expect(p.items.flatMap((i) => i.findings)).toEqual([]);
	});

	it('a harvest that names no field ticks neither spray item: what was sprayed can’t be looked up', () => {
		const fieldless = { ...season.harvest, fieldId: null };
		const p = promises([season.sowing, season.sprayKept, fieldless]);
		expect(states(p).map(([, s]) => s)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(item(p, 'intervals').findings).toContainEqual({
			kind: 'no-field',
			harvestDay: '2026-09-28',
			harvestLogId: season.harvest.id
		});
		expect(p.verdict).toEqual({ kind: 'unknown' });
	});

	it('a spray the chain marks not kept never leaves the interval box ticked, whichever harvest it was', () => {
		const chain = traceChain(harvestBatch, batches, [...clean, season.sprayBroken], [f1], inputs);
		// the same chain with the spray's field told apart from its harvest's (as a second field would be)
		const moved = chain.map((e) =>
			e.kind === 'spraying' && e.logId === season.sprayBroken.id ? { ...e, fieldId: 'f2' } : e
		);
		const p = certificatePromises(moved, { today: '2026-09-28' });
		expect(item(p, 'intervals').state).not.toBe('kept');
		expect(p.verdict.kind).not.toBe('ok');
	});

	it('an ingredient reported banned but not confirmed from its text is not ticked past, nor called banned', () => {
		const herbicide = input({
			id: 'db',
			kind: 'pesticide',
			name: '57%2,4-滴丁酯乳油',
			activeIngredient: '2,4-滴丁酯 57%',
			preHarvestDays: 30,
			toxicity: 'low'
		});
		const spray = log('spraying', '2026-06-01T08:00', {
			product: 'db',
			dose: { value: 50, unit: 'mlPerMu' },
			target: '阔叶杂草'
		});
		const p = promises([...clean, spray], { products: [...inputs, herbicide] });
		const noBanned = item(p, 'noBanned');
		expect(noBanned.state).toBe('unknown');
		expect(noBanned.findings).toContainEqual(
			expect.objectContaining({ kind: 'unconfirmed-ban', ingredient: '2,4-滴丁酯' })
		);
		expect(p.blocked).toBe(false);
	});

	it('a batch with no spray at all ticks every box too', () => {
		const p = promises([season.sowing, season.harvest]);
		expect(states(p).map(([, s]) => s)).toEqual(['kept', 'kept', 'kept']);
	});

	it('a harvest before a spray’s safe day breaks the interval item and says until when to wait', () => {
		// 稻瘟灵 sprayed 20 September, 14 days: safe from 4 October; harvested 28 September
		const p = promises([...clean, season.sprayBroken]);
		const intervals = item(p, 'intervals');
		expect(intervals.state).toBe('broken');
		expect(intervals.findings).toEqual([
			{
				kind: 'too-early',
				logId: season.sprayBroken.id,
				sprayDay: '2026-09-20',
				fieldName: '东大地',
				product: '40%稻瘟灵乳油',
				phiDays: 14,
				safeDay: '2026-10-04',
				harvestDay: '2026-09-28',
				harvestLogId: season.harvest.id,
				daysEarly: 6,
				daysLeft: 6
			}
		]);
		expect(p.blocked).toBe(true);
		expect(p.verdict).toEqual({ kind: 'wait', until: '2026-10-04', daysLeft: 6 });
		// nothing banned was used
		expect(item(p, 'noBanned').state).toBe('kept');
	});

	it('once the safe day has passed, the early harvest is still early: no tick, a test before selling', () => {
		const p = promises([...clean, season.sprayBroken], { today: '2026-10-10' });
		expect(item(p, 'intervals').state).toBe('broken');
		expect(item(p, 'intervals').findings[0]).toMatchObject({ daysEarly: 6, daysLeft: 0 });
		expect(p.verdict).toEqual({ kind: 'harvested-early', safeDay: '2026-10-04' });
	});

	it('residues cannot be promised on quality control after an early harvest, only on a test', () => {
		const control = promises([...clean, season.sprayBroken]);
		expect(item(control, 'residues')).toEqual({
			item: 'residues',
			state: 'unknown',
			findings: [{ kind: 'residues-follow', item: 'intervals', state: 'broken' }]
		});
		for (const basis of ['entrusted', 'self'] as const) {
			const tested = promises([...clean, season.sprayBroken], { basis });
			expect(item(tested, 'residues')).toEqual({
				item: 'residues',
				state: 'kept',
				findings: [{ kind: 'residues-tested', basis }]
			});
			// a test does not make the early harvest right
			expect(tested.blocked).toBe(true);
		}
	});

	it('the split part of a batch carries its parent’s early harvest', () => {
		const chain = traceChain(partA, batches, [...clean, season.sprayBroken], [f1], inputs);
		const p = certificatePromises(chain, { today: '2026-10-05' });
		expect(item(p, 'intervals').state).toBe('broken');
		expect(p.verdict).toEqual({ kind: 'harvested-early', safeDay: '2026-10-04' });
	});

	it('a spray naming a product the inventory no longer has: cannot say, and says which spray', () => {
		const gone = log('spraying', '2026-07-15T08:00', { product: 'gone' });
		const p = promises([...clean, gone]);
		expect(states(p)).toEqual([
			['noBanned', 'unknown'],
			['intervals', 'unknown'],
			['residues', 'unknown']
		]);
		expect(item(p, 'intervals').findings).toEqual([
			{ kind: 'unknown-product', logId: gone.id, sprayDay: '2026-07-15', fieldName: '东大地' }
		]);
		expect(p.blocked).toBe(false);
		expect(p.verdict).toEqual({ kind: 'unknown' });
	});

	it('a product with no interval recorded: cannot say, once per product however often it was sprayed', () => {
		const noPhi = input({
			id: 'nophi',
			kind: 'pesticide',
			name: '烟嘧磺隆',
			activeIngredient: '烟嘧磺隆',
			toxicity: 'low'
		});
		const sprays = ['2026-06-10T08:00', '2026-06-30T08:00'].map((when) =>
			log('spraying', when, { product: 'nophi' })
		);
		const p = promises([...clean, ...sprays], { products: [...inputs, noPhi] });
		expect(item(p, 'intervals')).toMatchObject({
			state: 'unknown',
			findings: [{ kind: 'unknown-interval', logId: sprays[0]!.id, product: { name: '烟嘧磺隆' } }]
		});
		expect(item(p, 'noBanned').state).toBe('kept');
	});

	it('a product whose label ingredient is not recorded: the banned item cannot say', () => {
		const p = promises(clean, { products: seasonInputs });
		expect(item(p, 'noBanned')).toMatchObject({
			state: 'unknown',
			findings: [{ kind: 'unknown-ingredient', product: { id: 'bup' } }]
		});
		expect(item(p, 'residues').findings).toEqual([
			{ kind: 'residues-follow', item: 'noBanned', state: 'unknown' }
		]);
	});

	it('a nationally banned ingredient breaks the banned item, whatever the spacing and content figure', () => {
		const banned = input({
			id: 'omethoate',
			kind: 'pesticide',
			name: '绿野神农',
			activeIngredient: '40 ％ 氧 乐 果',
			preHarvestDays: 7
		});
		const spray = log('spraying', '2026-07-10T08:00', { product: 'omethoate' });
		const p = promises([...clean, spray], { products: [...inputs, banned] });
		expect(item(p, 'noBanned')).toMatchObject({
			state: 'broken',
			findings: [
				{
					kind: 'banned',
					logId: spray.id,
					ingredient: '氧乐果',
					rule: { source: '农业农村部公告第736号', from: '2026-06-01', scope: 'all' }
				}
			]
		});
		expect(p.blocked).toBe(true);
		expect(p.verdict).toEqual({ kind: 'banned', product: '绿野神农', ingredient: '氧乐果' });
		expect(item(p, 'residues').state).toBe('unknown');
	});

	it('a ban counts from its first day: the same product sprayed before it was lawful then', () => {
		const omethoate = input({
			id: 'omethoate',
			kind: 'pesticide',
			name: '40%氧乐果乳油',
			preHarvestDays: 7
		});
		const spray = log('spraying', '2026-05-20T08:00', { product: 'omethoate' });
		// on rice, not a crop 公告第199号 bars it from
		const p = promises([...clean, spray], { products: [...inputs, omethoate] });
		expect(item(p, 'noBanned').state).toBe('kept');
	});

	it('an ingredient banned on the batch’s crop breaks the item; on another crop it does not', () => {
		// 氟苯虫酰胺 may not be used on rice since 1 October 2018 (农业部公告第2445号)
		const flubendiamide = input({
			id: 'flu',
			kind: 'pesticide',
			name: '20%氟苯虫酰胺水分散粒剂',
			preHarvestDays: 14
		});
		const spray = log('spraying', '2026-07-10T08:00', { product: 'flu' });
		const products = [...inputs, flubendiamide];
		const rice = promises([...clean, spray], { products });
		expect(item(rice, 'noBanned')).toMatchObject({
			state: 'broken',
			findings: [{ kind: 'banned', ingredient: '氟苯虫酰胺', rule: { scope: ['rice'] } }]
		});

		const maizeSowing = { ...season.sowing, details: { crop: '玉米' } };
		const maizeBatch = { ...harvestBatch, product: '玉米' };
		const chain = traceChain(
			maizeBatch,
			[maizeBatch],
			[maizeSowing, season.sprayKept, spray, season.harvest],
			[f1],
			products
		);
		expect(certificatePromises(chain, { today: '2026-09-28' }).items[0]!.state).toBe('kept');

		// no crop anywhere in the records: cannot say
		const unnamed = { ...harvestBatch, product: '' };
		const bare = traceChain(unnamed, [unnamed], [spray, season.harvest], [f1], products);
		expect(certificatePromises(bare, { today: '2026-09-28' }).items[0]).toMatchObject({
			state: 'unknown',
			findings: [{ kind: 'unknown-crop', ingredient: '氟苯虫酰胺', scope: ['rice'] }]
		});
	});

	it('on potatoes (a vegetable), a high-toxicity product breaks the item (农药管理条例 第三十四条)', () => {
		const potatoSowing = { ...season.sowing, details: { crop: '马铃薯' } };
		const potatoBatch = { ...harvestBatch, product: '土豆' };
		const toxic = input({
			id: 'tox',
			kind: 'pesticide',
			name: '某高毒杀虫剂',
			activeIngredient: '某某磷',
			toxicity: 'high',
			preHarvestDays: 10
		});
		const noToxicity = input({
			id: 'notox',
			kind: 'pesticide',
			name: '高效氯氟氰菊酯',
			activeIngredient: '高效氯氟氰菊酯',
			preHarvestDays: 7
		});
		const sprays = [
			log('spraying', '2026-07-10T08:00', { product: 'tox' }),
			log('spraying', '2026-07-12T08:00', { product: 'notox' })
		];
		const chain = traceChain(
			potatoBatch,
			[potatoBatch],
			[potatoSowing, ...sprays, season.harvest],
			[f1],
			[toxic, noToxicity]
		);
		const p = certificatePromises(chain, { today: '2026-09-28' });
		expect(p.items[0]).toMatchObject({
			state: 'broken',
			findings: [
				{ kind: 'too-toxic', toxicity: 'high', rule: { source: '《农药管理条例》第三十四条' } },
				{ kind: 'unknown-toxicity', product: { id: 'notox' } }
			]
		});
		expect(p.verdict).toEqual({ kind: 'banned', product: '某高毒杀虫剂', ingredient: '' });
	});

	it('a fertilizer sprayed on the leaves is not checked as a pesticide', () => {
		const foliar = log('spraying', '2026-07-10T08:00', { product: 'urea' });
		const p = promises([...clean, foliar]);
		expect(item(p, 'noBanned').state).toBe('kept');
	});
});

describe('bannedIn', () => {
	it('finds a banned name in a label’s name or ingredient text', () => {
		// 克百威: on vegetables since 2002, on sugarcane since 2018, everywhere since June 2026
		expect(bannedIn('3%克百威颗粒剂').map((m) => m.rule.source)).toEqual([
			'农业部公告第199号',
			'农业部公告第2445号',
			'农业农村部公告第736号'
		]);
		expect(bannedIn('阿维·甲拌磷').map((m) => m.rule.source)).toContain('农业农村部公告第536号');
		expect(bannedIn('200 克/升 百草枯 水剂')[0]?.name).toBe('百草枯');
	});

	it('does not read a lawful ingredient as the banned one inside its name', () => {
		expect(bannedIn('20%丁硫克百威乳油')).toEqual([]);
		expect(bannedIn('乙酰甲胺磷')).toEqual([]);
		// but the banned one next to it still counts
		expect(bannedIn('丁硫克百威·克百威').map((m) => m.name)).toContain('克百威');
		// 甲基对硫磷 is itself banned, and 对硫磷 inside it is not counted twice
		expect(bannedIn('甲基对硫磷').map((m) => m.name)).toEqual(['甲基对硫磷']);
	});

	it('finds nothing in lawful labels', () => {
		for (const label of [
			'25%噻嗪酮可湿性粉剂',
			'40%稻瘟灵乳油',
			'4%烟嘧磺隆',
			'氯嘧磺隆',
			'',
			'   '
		])
			expect(bannedIn(label)).toEqual([]);
	});
});

describe('cropGroupsOf', () => {
	it('reads the groups from crop names as farmers write them', () => {
		expect([...cropGroupsOf(['水稻'])]).toEqual(['rice']);
		expect([...cropGroupsOf(['稻谷', '稻花香2号'])]).toEqual(['rice']);
		expect([...cropGroupsOf(['玉米'])]).toEqual(['grain']);
		expect([...cropGroupsOf(['土豆'])]).toEqual(['vegetable']);
		expect([...cropGroupsOf(['黑木耳'])]).toEqual(['fungi']);
		expect(cropGroupsOf(['', '我家的'])).toEqual(new Set());
	});
});
