import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compact,
	digitsOnly,
	editDistance,
	labelValues,
	mergeParses,
	nearestTerm,
	normalizeLine,
	parseLabel,
	repairBatch,
	repairSuffix
} from './label-parser';
import { ACTIVE_INGREDIENTS, FERTILIZER_NAMES, FORMULATIONS } from './label-terms';

/**
 * Real OCR output (tesseract.js 7, chi_sim best_int) of photos in ../shared/fixtures/labels, captured with
 * `npm run ocr:label -- --text`; expected values from the photos' JSON files.
 */
const OCR = {
	// fert-01-1.jpg, the photo as it is, page segmentation 3
	fert01: `15-15-15
总 养分 45%
产品 名 称 : 复合 肥料
养分 含量 : N-P20s-K20 15-15-15
执行 标准 : GB/T 15063-2020
氯 离子 : 含 氯 ( 低 氧 )
肥料 登记 证 号 : 黑 农 肥 (2021) 准 字 0412 号
生产 许可 证 号 : XK13-001-03321
净 含量 : 40kg
生产 日 期 : 2025-03-12
批号 : 20250312A
生产 企业 : 黑龙 江 丰 垦 肥 业 有 限 公司
地 址 : 黑龙 江 省 佳木斯 市 工业 园区 47 号
注意 事项 : 本 品 应 贮存 于 阴凉 干燥 处 ， 防 潮 防晒 。 请 按说 明 施用 .`,
	// fert-08-2.jpg after preprocessing, page segmentation 4: 氯 read as 氢, 60% as 6096, a stray 上
	fert08: `了

毛 化 钾

产品 名 称 : 氢化 钾

养分 含量 : 总 养分 之 6096 (0-0-60)

执行 标准 : GB/ 了 6549-2011

净 含量 : 。 50kg

生产 日 期 : 2024.10.30

批号 : 上 K241030

生产 企业 :哈尔滨 沃 力 钾肥 贸易 有 限 公司
地 址 : 黑龙 江 省 绥化 市 工业 园区 88 号

注意 事项 : 本 品 应 贮存 于 阴凉 干燥 处 ， 防 潮 防 晒 。 请 按说 明 施 用`,
	// fert-07-1.jpg after preprocessing, page segmentation 3: keys and values split into two columns
	fert07columns: `产品 名 称 :
养分 含量 :
执行 标准 :
氧 离子 ;
肥料 登记 证 号 :
生产 许可 证 号 :
净 含量 :

生产 日 期 :
批号 :

生产 企业 :
地 址 :

12-20-13

总 养分 45%
大 豆 专 用 肥
总 养分 >45% (12.20.13)
GB/T 15063.2020
无 氯
黑 农 肥 (2021) 准 字 0958 号
XK13.001-02290
40kg
2025 年 03 月 28 日
250328B
黑河 北 疆 农 化 有 限 公司
黑龙 江 省 佳木斯 市 工业 园区 74 号`,
	// pest-02-1.jpg after preprocessing, page segmentation 4: 氯虫苯甲酰胺 read as 和毛虫葵甲酰胺
	pest02: `20% 和 毛虫 葵 甲 酰胺 悬浮 剂
杀 虫 剂 IE

农药 登记 证 号 : PD20110596

农药 生产 许可 证 号 ; 农药 生 许 〈 黑 ) 0080
产品 标准 号 : GB/T 29137-2011

有 效 成 分 及 含量 : 毛虫 卧 酰胺 20?8
剂型 : 悬浮 剂

毒性 : 微 毒

净 含 量 : 100 毫 升

生产 日 期 : 2025 年 03 月 05 日

批号 : LH250305

适用 作物 及 防治 对 象 : 玉米 玉米 蝇 ”用药 量 : 5-10 毫 升 / 军
在 玉米 上 使 用 的 安全 间隔 期 为 21 天 ， 每 季 最 多 使 用 2 次 。

哈尔滨 绿 禾 生物 科技 有 限 公司 电话 ; 0451-89500726

杀 虫 齐`,
	// pest-01-1.jpg, the photo as it is: 嘧 read as 喀, 剂 as 章/齐, no 每季 line legible
	pest01: `[9) 室 六 sz
4%6 烟 喀 磺 隆 可 分 散 油 悬 浮 章

php[E]

农药 登记 证 号 : PD20092345

农药 生产 许可 证 号 : 农药 生 许 ( 黑 ) 0073

产品 标准 号 : GB/T 24640-2018

有 效 成 分 及 含量 : 烟 喀 磺 隆 4%

剂型 : 可 分 散 油 悬 浮 齐

毒性 : 低 毒

净 含 量 : 1000 毫 升

生产 日 期 : 2025-02.10

批号 : 20250210

| 适用 作物 及 防治 对 委 : 玉米 困 一 年 生灵 前 “ 用 天 天 6o100 毫 天 调 |

ER |

黑龙 江 田 丰 农药 有 限 公司 电话 : 0451-81118870
除草 剂`
};

/** The values read from a fertilizer label with these lines. */
const fert = (body: string) => labelValues(parseLabel(`复合肥料\n${body}`));

describe('parseLabel on captured OCR text', () => {
	it('reads a clean fertilizer label whole', () => {
		expect(labelValues(parseLabel(OCR.fert01))).toMatchObject({
			kind: 'fertilizer',
			productName: '复合肥料',
			npk: '15-15-15',
			totalNutrientPct: 45,
			chlorine: 'low',
			fertilizerRegNo: '黑农肥(2021)准字0412号',
			licenceNo: 'XK13-001-03321',
			netContent: '40kg',
			manufacturer: '黑龙江丰垦肥业有限公司',
			productionDate: '2025-03-12',
			batch: '20250312A'
		});
	});

	it('repairs 氢化钾, 6096 and a stray mark, and leaves what is not printed empty', () => {
		const parsed = parseLabel(OCR.fert08);
		expect(labelValues(parsed)).toMatchObject({
			kind: 'fertilizer',
			productName: '氯化钾',
			npk: '0-0-60',
			totalNutrientPct: 60,
			chlorine: null,
			fertilizerRegNo: null,
			licenceNo: null,
			netContent: '50kg',
			manufacturer: '哈尔滨沃力钾肥贸易有限公司',
			productionDate: '2024-10-30',
			batch: 'K241030'
		});
		// repaired readings are less sure than plain ones
		expect(parsed.fields.productName.confidence).toBeLessThan(parsed.fields.npk.confidence);
		expect(parsed.fields.chlorine.confidence).toBe(0);
	});

	it('does not pair keys with values it cannot line up (two-column OCR): those stay empty', () => {
		const v = labelValues(parseLabel(OCR.fert07columns));
		expect(v.kind).toBe('fertilizer');
		// found by their own format, wherever they are
		expect(v.npk).toBe('12-20-13');
		expect(v.totalNutrientPct).toBe(45);
		expect(v.fertilizerRegNo).toBe('黑农肥(2021)准字0958号');
		expect(v.licenceNo).toBe('XK13-001-02290');
		expect(v.chlorine).toBe('none');
		expect(v.manufacturer).toBe('黑河北疆农化有限公司');
		// keyed fields whose key line is empty are not guessed from loose values
		expect(v.netContent).toBeNull();
		expect(v.productionDate).toBeNull();
		expect(v.batch).toBeNull();
		expect(v.productName).toBeNull();
	});

	it('reads a pesticide label and repairs the active ingredient from the list', () => {
		const parsed = parseLabel(OCR.pest02);
		expect(labelValues(parsed)).toMatchObject({
			kind: 'pesticide',
			productName: '20%氯虫苯甲酰胺悬浮剂',
			pesticideRegNo: 'PD20110596',
			activeIngredient: '氯虫苯甲酰胺',
			content: '20%',
			formulation: '悬浮剂',
			toxicity: '微毒',
			phiDays: 21,
			maxApplications: 2,
			netContent: '100毫升',
			manufacturer: '哈尔滨绿禾生物科技有限公司',
			productionDate: '2025-03-05',
			batch: 'LH250305'
		});
		expect(parsed.fields.activeIngredient.confidence).toBeLessThan(0.9);
	});

	it('leaves the pre-harvest interval and sprays empty when their line is not legible', () => {
		const v = labelValues(parseLabel(OCR.pest01));
		expect(v).toMatchObject({
			kind: 'pesticide',
			productName: '4%烟嘧磺隆可分散油悬浮剂',
			activeIngredient: '烟嘧磺隆',
			content: '4%',
			formulation: '可分散油悬浮剂',
			toxicity: '低毒',
			netContent: '1000毫升',
			manufacturer: '黑龙江田丰农药有限公司',
			productionDate: '2025-02-10',
			batch: '20250210',
			phiDays: null,
			maxApplications: null
		});
	});

	it('uses the confidence of the OCR line a field came from', () => {
		const lines = [
			{ text: '农药 登记 证 号 : PD20092345', confidence: 95 },
			{ text: '毒性 : 低 毒', confidence: 40 }
		];
		const parsed = parseLabel('', { lines });
		expect(parsed.fields.pesticideRegNo.confidence).toBeCloseTo(0.95);
		expect(parsed.fields.toxicity.confidence).toBeCloseTo(0.4);
	});
});

describe('text repair', () => {
	it('removes spaces between Han characters but keeps them between Latin words', () => {
		expect(normalizeLine('生产 企业 : 黑龙 江 丰 垦 肥 业')).toBe('生产企业:黑龙江丰垦肥业');
		expect(compact('Bayer Crop 拜耳 作物')).toBe('Bayer Crop拜耳作物');
	});
	it('turns full-width letters, digits, colons and brackets half-width', () => {
		expect(normalizeLine('批号：ＡＢ１２３（２）')).toBe('批号:AB123(2)');
	});
	it('repairs ；/; after a key to a colon-separated value', () => {
		expect(labelValues(parseLabel('肥料\n批号 ; 2501153')).batch).toBe('2501153');
	});
	it('reads 一 and dashes between digits as hyphens', () => {
		expect(normalizeLine('15一15一15')).toBe('15-15-15');
		expect(normalizeLine('XK13一001—03321')).toBe('XK13-001-03321');
		expect(normalizeLine('执行标准 GB/T 15063 － 2020')).toContain('15063-2020');
	});
	it('reads O/o as 0 and l/I/|/] as 1 inside numbers', () => {
		expect(normalizeLine('2O25 1l0 4I2 7|7')).toBe('2025 110 412 717');
		expect(digitsOnly('2O2l')).toBe('2021');
		const v = labelValues(parseLabel('农药登记证号:PD2OO92345\n生产日期:2025年0]月15日'));
		expect(v.pesticideRegNo).toBe('PD20092345');
		expect(v.productionDate).toBe('2025-01-15');
	});
	it('does not touch letters that are words', () => {
		expect(normalizeLine('净含量: 1000mL')).toBe('净含量:1000mL');
		expect(normalizeLine('批号: LH250305')).toBe('批号:LH250305');
	});
	it('repairs 氯 read as 氧/氨/毛/和毛 in the chlorine statement', () => {
		expect(normalizeLine('氨 离 子 : 含 氨 ( 低 氨 )')).toBe('氯离子:含氯(低氯)');
		expect(normalizeLine('氯 离子: 含 毛 ( 中 和 毛 )')).toBe('氯离子:含氯(中氯)');
		expect(normalizeLine('氧 离子 : 无 毛')).toBe('氯离子:无氯');
	});
});

describe('fields, hand-written', () => {
	const pest = (body: string) => labelValues(parseLabel(`农药登记证号:PD20080731\n${body}`));

	it('kind: fertilizer, pesticide, seed or nothing', () => {
		expect(parseLabel('肥料登记证号:农肥(2020)准字6521号').kind).toBe('fertilizer');
		expect(parseLabel('农药登记证号:PD20121873\n毒性:低毒').kind).toBe('pesticide');
		expect(parseLabel('品种名称:龙垦10号\n审定编号:黑审豆2019001\n种子').kind).toBe('seed');
		expect(parseLabel('今天天气很好\nHello world').kind).toBeNull();
		expect(parseLabel('').kind).toBeNull();
	});
	it('productName: as printed, the generic name repaired', () => {
		expect(fert('产品名称:玉米专用挨混肥料').productName).toBe('玉米专用掺混肥料');
		expect(fert('产品名称: 尿素').productName).toBe('尿素');
		// two listed names equally near: kept as read
		expect(fert('产品名称:玉米专用挫混肥料').productName).toBe('玉米专用挫混肥料');
		expect(pest('40% 稻 癌 灵 乳油\n有效成分及含量:稻瘟灵40%').productName).toBe('40%稻瘟灵乳油');
	});
	it('npk: an N-P-K grade, not a standard number, a date or a licence', () => {
		expect(fert('执行标准:GB/T 15063-2020\n生产日期:2025-03-12\nXK13-001-03321').npk).toBeNull();
		expect(fert('养分含量:N-P2O5-K2O 18-46-0').npk).toBe('18-46-0');
		expect(fert('总养分≥48%(26-12-10)').npk).toBe('26-12-10');
		expect(fert('60-60-60').npk).toBeNull();
	});
	it('totalNutrientPct: the 总养分 figure, preferring the one that matches the grade', () => {
		expect(fert('总养分≥45%').totalNutrientPct).toBe(45);
		expect(fert('总养分 过 21%\n总养分≥51%(17-17-17)').totalNutrientPct).toBe(51);
		expect(fert('总养分 之 6096 (0-0-60)').totalNutrientPct).toBe(60);
		expect(fert('养分含量:高').totalNutrientPct).toBeNull();
		// ≥ or % read as a digit: taken only when dropping it gives the grade's sum
		expect(fert('总养分 关 489%\nN-P2O5-K2O 16-16-16').totalNutrientPct).toBe(48);
		expect(fert('养分含量:总养分 245 (15-15-15)').totalNutrientPct).toBe(45);
		expect(fert('总养分 489%').totalNutrientPct).toBeNull();
	});
	it('chlorine: none, low, medium, high, or empty', () => {
		expect(fert('氯离子:无氯').chlorine).toBe('none');
		expect(fert('含氯(低氯)').chlorine).toBe('low');
		expect(fert('氯离子:含氯(中氯)').chlorine).toBe('medium');
		expect(fert('氯离子:含氯(高氯)').chlorine).toBe('high');
		expect(fert('执行标准:GB/T 15063-2020').chlorine).toBeNull();
		// the statement's key misread altogether
		expect(fert('所 离子 : 无 所').chlorine).toBe('none');
		expect(fert('氟 离 子 : 含 氛 ( 中 氛 )').chlorine).toBe('medium');
	});
	it('fertilizerRegNo: 农肥…准字/临字…号, with or without province and year', () => {
		expect(fert('肥料登记证号:黑 农 肥 (2021) 准 字 0412 号').fertilizerRegNo).toBe(
			'黑农肥(2021)准字0412号'
		);
		expect(fert('登记证号:农肥(2020)临字6521号').fertilizerRegNo).toBe('农肥(2020)临字6521号');
		expect(fert('微生物肥(2019)准字1234号').fertilizerRegNo).toBe('微生物肥(2019)准字1234号');
		expect(fert('肥料登记证号:').fertilizerRegNo).toBeNull();
	});
	it('licenceNo: XK13-…, separators repaired', () => {
		expect(fert('生产许可证号:XK13-001.05510').licenceNo).toBe('XK13-001-05510');
		expect(fert('生产许可证号:XK13 001 0O219').licenceNo).toBe('XK13-001-00219');
	});
	it('netContent: number and unit after 净含量 only', () => {
		expect(fert('净含量:40kgE').netContent).toBe('40kg');
		expect(pest('净 含 量 : 1000 毫 升').netContent).toBe('1000毫升');
		expect(pest('净含量:100克').netContent).toBe('100克');
		expect(pest('用药量:60-100毫升/亩').netContent).toBeNull();
	});
	it('manufacturer: after its key, or a company line', () => {
		expect(fert('生产企业:大庆龙垦化工有限公司').manufacturer).toBe('大庆龙垦化工有限公司');
		expect(pest('佳木斯三江农药厂 电话:0451-82697926').manufacturer).toBe('佳木斯三江农药厂');
		expect(fert('地址:黑龙江省佳木斯市工业园区14号').manufacturer).toBeNull();
		expect(fert('生产企业:牡丹江北方生物科技有限贵任公司').manufacturer).toBe(
			'牡丹江北方生物科技有限责任公司'
		);
	});
	it('productionDate: ISO whatever the printed form; impossible dates refused', () => {
		expect(fert('生产日期:2025年03月12日').productionDate).toBe('2025-03-12');
		expect(fert('生产日期:2025.04.02').productionDate).toBe('2025-04-02');
		expect(fert('生产日期:2025/02/26').productionDate).toBe('2025-02-26');
		expect(fert('生产日期:20250210').productionDate).toBe('2025-02-10');
		expect(fert('生产日期:2025-02-30').productionDate).toBeNull();
	});
	it('batch: letters, digits and hyphens after 批号', () => {
		expect(fert('批号:241208-03').batch).toBe('241208-03');
		expect(fert('生产批号: 上 K241030').batch).toBe('K241030');
		expect(fert('批号:').batch).toBeNull();
	});
	it('pesticideRegNo: PD, WP, LS or WL and digits', () => {
		expect(pest('').pesticideRegNo).toBe('PD20080731');
		expect(labelValues(parseLabel('农药登记证号:WP20180123\n毒性:低毒')).pesticideRegNo).toBe(
			'WP20180123'
		);
		expect(labelValues(parseLabel('农药登记证号 : P020243426\n毒性:低毒')).pesticideRegNo).toBe(
			'PD20243426'
		);
		expect(labelValues(parseLabel('农药临时登记证号:LS 20051234\n剂型:乳油')).pesticideRegNo).toBe(
			'LS20051234'
		);
	});
	it('activeIngredient and content: from their line and the title, agreeing', () => {
		const v = pest('25%嘧菌酯悬浮剂\n有效成分及含量:嘧菌酯 25%');
		expect([v.activeIngredient, v.content]).toEqual(['嘧菌酯', '25%']);
		const grams = pest('250克/升嘧菌酯悬浮剂\n有效成分及含量:嘧菌酯250克/升');
		expect(grams.content).toBe('250克/升');
		// a content over 100 % is no reading: the other place's is taken, or the stray 9 of "109%" dropped
		expect(pest('109%苯醚甲环唑水分散粒剂\n有效成分及含量:苯醚甲环唑10%').content).toBe('10%');
		expect(pest('259%嘧菌酯悬浮剂').content).toBe('25%');
		// an ingredient not on the list is kept as read
		expect(pest('有效成分及含量:新奇菌素 5%').activeIngredient).toBe('新奇菌素');
	});
	it('formulation: the 剂型 line, repaired from the list', () => {
		expect(pest('剂型:可 分 散 油 悬 浮 齐').formulation).toBe('可分散油悬浮剂');
		expect(pest('剂型:水分散粒剂').formulation).toBe('水分散粒剂');
		expect(pest('剂型:').formulation).toBeNull();
		// a 剂型 line cut short yields to the listed formulation of the title
		expect(pest('2%春雷霉素水剂\n剂型 : 水').formulation).toBe('水剂');
	});
	it('toxicity: one of the five classes', () => {
		expect(pest('毒性:低毒').toxicity).toBe('低毒');
		expect(pest('毒性:中等毒').toxicity).toBe('中等毒');
		expect(pest('杀虫剂 [微毒]').toxicity).toBe('微毒');
		expect(pest('毒性:很毒').toxicity).toBeNull();
	});
	it('phiDays and maxApplications when printed', () => {
		const v = pest('在水稻上使用的安全间隔期为14天，每季最多使用2次。');
		expect([v.phiDays, v.maxApplications]).toEqual([14, 2]);
		expect(pest('每季作物最多使用一次').maxApplications).toBe(1);
		// 间隔期 misread, the sentence still says it
		expect(pest('在大豆上使用的安全网凡明为30天').phiDays).toBe(30);
		const none = pest('适用作物:玉米');
		expect([none.phiDays, none.maxApplications]).toEqual([null, null]);
	});
});

describe('closed word lists', () => {
	it('edit distance counts a known OCR confusion as half', () => {
		expect(editDistance('嘧菌酯', '嘧菌酯')).toBe(0);
		expect(editDistance('喀菌酯', '嘧菌酯')).toBe(0.5);
		expect(editDistance('喀菌酯', '肟菌酯')).toBe(1);
	});
	it('repairs to the one nearest listed word, and not when two are as near', () => {
		expect(nearestTerm('喀菌酯', ACTIVE_INGREDIENTS)?.term).toBe('嘧菌酯');
		expect(nearestTerm('稻瘟灵', ACTIVE_INGREDIENTS)?.distance).toBe(0);
		expect(nearestTerm('完全不同的名字', ACTIVE_INGREDIENTS)).toBeNull();
		expect(nearestTerm('悬浮齐', FORMULATIONS)?.term).toBe('悬浮剂');
		expect(repairSuffix('玉米专用挫混肥料', FERTILIZER_NAMES)).toBeNull();
	});
});

describe('mergeParses', () => {
	it('keeps the value most reads agree on, and fills what one read missed', () => {
		const a = parseLabel('复合肥料\n批号:A1\n净含量:40kg');
		const b = parseLabel('复合肥料\n批号:A1\n生产日期:2025-01-02');
		const c = parseLabel('复合肥料\n批号:B7');
		const merged = labelValues(mergeParses([a, b, c]));
		expect(merged).toMatchObject({
			kind: 'fertilizer',
			batch: 'A1',
			netContent: '40kg',
			productionDate: '2025-01-02'
		});
	});
});

/**
 * Synthetic labels in the shapes OCR really returns (issue 20): characters split or joined, look-alike
 * letters in numbers, keys and values out of order or on separate lines, names broken across lines, noise.
 * Makers and numbers here are invented; numbers have the formats the law fixes.
 */
describe('tolerating what OCR returns', () => {
	const pest = (body: string) => labelValues(parseLabel(`剂型:乳油\n毒性:低毒\n${body}`));

	/** `text` with a space put in before each character chosen by `where`. */
	const spaced = (text: string, where: boolean[]) =>
		[...text].map((c, i) => (i > 0 && where[i % where.length] ? ` ${c}` : c)).join('');
	const digits = (n: number) =>
		fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
	const year = fc.integer({ min: 2000, max: 2030 });
	const where = fc.array(fc.boolean(), { minLength: 1, maxLength: 12 });
	/** Letters OCR reads for digits, as the number might come back: up to four characters misread. */
	const LOOKALIKE: Record<string, string[]> = {
		'0': ['O', 'o'],
		'1': ['l', 'I'],
		'5': ['S'],
		'8': ['B']
	};
	const misread = (text: string, which: number[]) =>
		[...text]
			.map((c, i) =>
				LOOKALIKE[c] && which.slice(0, 4).includes(i) ? LOOKALIKE[c][i % LOOKALIKE[c].length] : c
			)
			.join('');
	const which = fc.uniqueArray(fc.nat(9), { maxLength: 4 });

	it('inserting spaces inside a registration or licence number does not change what is read', () => {
		fc.assert(
			fc.property(year, digits(4), digits(3), digits(5), where, (y, a, b, c, w) => {
				const reg = `PD${y}${a.join('')}`;
				expect(
					labelValues(parseLabel(`农药登记证号:${spaced(reg, w)}\n毒性:低毒`)).pesticideRegNo
				).toBe(reg);
				const licence = `XK13-${b.join('')}-${c.join('')}`;
				expect(fert(`生产许可证号:${spaced(licence, w)}`).licenceNo).toBe(licence);
				const fertReg = `黑农肥(${y})准字${a.join('')}号`;
				expect(fert(`肥料登记证号:${spaced(fertReg, w)}`).fertilizerRegNo).toBe(fertReg);
			})
		);
	});

	it('letters read for digits (O, l, I, S, B) inside registration and licence numbers are digits', () => {
		fc.assert(
			fc.property(year, digits(4), digits(3), digits(5), which, (y, a, b, c, w) => {
				const reg = `PD${y}${a.join('')}`;
				const read = `PD${misread(reg.slice(2), w)}`;
				expect(labelValues(parseLabel(`农药登记证号:${read}\n毒性:低毒`)).pesticideRegNo).toBe(reg);
				const licence = `XK13-${b.join('')}-${c.join('')}`;
				expect(fert(`生产许可证号:XK${misread(licence.slice(2), w)}`).licenceNo).toBe(licence);
				const fertReg = `黑农肥(${y})准字${a.join('')}号`;
				expect(
					fert(`肥料登记证号:黑农肥(${misread(String(y), w)})准字${misread(a.join(''), w)}号`)
						.fertilizerRegNo
				).toBe(fertReg);
			})
		);
	});

	it('a repaired registration number must still have the legal shape', () => {
		// the last digit read as a letter: not cut off before it
		expect(pest('农药登记证号:PD2017045O').pesticideRegNo).toBe('PD20170450');
		// eight characters after PD whose first four are no year: no reading
		expect(pest('农药登记证号:PDSBO12345').pesticideRegNo).toBeNull();
		// 号 lost or misread, brackets dropped: read when the number has its four digits
		expect(fert('肥料登记证号:黑农肥2019准字3307').fertilizerRegNo).toBe('黑农肥(2019)准字3307号');
		expect(fert('肥料登记证号:黑农肥(2019)准字3307品').fertilizerRegNo).toBe(
			'黑农肥(2019)准字3307号'
		);
		expect(fert('肥料登记证号:黑农肥(2019)准字330').fertilizerRegNo).toBeNull();
		expect(fert('微生物肥(2018)准字(4521)号').fertilizerRegNo).toBe('微生物肥(2018)准字(4521)号');
		expect(fert('生产许可证号:XK13-001- -04417').licenceNo).toBe('XK13-001-04417');
	});

	it('a production date reads the same with its key or digits split, letters for digits, or a separator lost', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
				fc.constantFrom('-', '.', '/', '年'),
				where,
				where,
				which,
				(date, sep, w1, w2, w3) => {
					const iso = date.toISOString().slice(0, 10);
					const [y, m, d] = iso.split('-') as [string, string, string];
					const printed = sep === '年' ? `${y}年${m}月${d}日` : `${y}${sep}${m}${sep}${d}`;
					const read = `${spaced('生产日期', w1)}:${spaced(printed, w2)}`;
					expect(fert(read).productionDate).toBe(iso);
					expect(fert(`生产日期${misread(printed, w3)}`).productionDate).toBe(iso);
				}
			)
		);
		expect(fert('生产日期:2023/0917').productionDate).toBe('2023-09-17');
		expect(fert('生产日期:2023 - 09 - 17').productionDate).toBe('2023-09-17');
		// a digit that could belong to the day is not dropped to make the 1st
		expect(fert('生产日期:2023-09-1 7').productionDate).toBe('2023-09-17');
		expect(fert('生产日期:2023-13-17').productionDate).toBeNull();
	});

	it('colons full-width, half-width, misread or missing between key and value', () => {
		for (const sep of [':', '：', '∶', ';', '；', ' ', ''])
			expect(fert(`净含量${sep}25kg`).netContent).toBe('25kg');
		// the g of kg misread, the 净 of 净含量 misread
		expect(fert('净含量:25kE').netContent).toBe('25kg');
		expect(pest('争含量:250毫升').netContent).toBe('250毫升');
		// 养分含量 and 有效成分及含量 are no net content
		expect(fert('养分含量:18g').netContent).toBeNull();
	});

	const keyLines = [
		'产品名称:水溶肥料',
		'养分含量:N-P2O5-K2O 20-20-10',
		'氯离子:无氯',
		'肥料登记证号:农肥(2016)准字2741号',
		'生产许可证号:XK13-002-01786',
		'净含量:20kg',
		'生产日期:2024年07月09日',
		'批号:T240709',
		'生产企业:宁安市青川生物股份有限公司'
	];

	it('any order of the key lines gives the same fields', () => {
		const inOrder = labelValues(parseLabel(keyLines.join('\n')));
		expect(inOrder).toMatchObject({
			productName: '水溶肥料',
			npk: '20-20-10',
			chlorine: 'none',
			fertilizerRegNo: '农肥(2016)准字2741号',
			licenceNo: 'XK13-002-01786',
			netContent: '20kg',
			productionDate: '2024-07-09',
			batch: 'T240709',
			manufacturer: '宁安市青川生物股份有限公司'
		});
		fc.assert(
			fc.property(fc.shuffledSubarray(keyLines, { minLength: keyLines.length }), (order) => {
				expect(labelValues(parseLabel(order.join('\n')))).toEqual(inOrder);
			})
		);
	});

	it('split keys, any colon or none, noise lines and any order together give the same fields', () => {
		const clean = labelValues(parseLabel(keyLines.join('\n')));
		const misreadLine = (text: string) =>
			fc
				.tuple(
					fc.constantFrom(':', '：', '∶', ';', ' : ', ''),
					where,
					fc.option(fc.constantFrom("'", '|', '~ .', '、 "', '_ -'), { nil: undefined })
				)
				.map(([colon, w, noise]) => {
					const at = text.indexOf(':');
					const read = `${spaced(text.slice(0, at), w)}${colon}${text.slice(at + 1)}`;
					return noise === undefined ? [read] : [read, noise];
				});
		fc.assert(
			fc.property(
				fc
					.shuffledSubarray(keyLines, { minLength: keyLines.length })
					.chain((order) => fc.tuple(...order.map(misreadLine))),
				(read) => {
					expect(labelValues(parseLabel(read.flat().join('\n')))).toEqual(clean);
				}
			)
		);
	});

	it('two key: value pairs on one line each get their own value', () => {
		const v = labelValues(
			parseLabel(
				[
					'产品名称:水溶肥料 净含量:20kg',
					'生产日期:2024-07-09 批号:T240709',
					'肥料登记证号:农肥(2016)准字2741号 生产许可证号:XK13-002-01786'
				].join('\n')
			)
		);
		expect(v).toMatchObject({
			productName: '水溶肥料',
			netContent: '20kg',
			productionDate: '2024-07-09',
			batch: 'T240709',
			fertilizerRegNo: '农肥(2016)准字2741号',
			licenceNo: 'XK13-002-01786'
		});
		// one value printed after two keys belongs to both
		const shared = fert('生产日期/批号:20240709');
		expect([shared.productionDate, shared.batch]).toEqual(['2024-07-09', '20240709']);
	});

	it('a value on the line below its key, past noise lines', () => {
		const v = labelValues(
			parseLabel(
				[
					'产品名称:',
					'水溶肥料',
					'生产日期',
					"' ~ .",
					'2024.07.09',
					'批号 :',
					'|',
					'T240709',
					'生产企业:',
					'宁安市青川生物股份有限公司'
				].join('\n')
			)
		);
		expect(v).toMatchObject({
			productName: '水溶肥料',
			productionDate: '2024-07-09',
			batch: 'T240709',
			manufacturer: '宁安市青川生物股份有限公司'
		});
	});

	it('a key followed by another key has no value; a column of keys is not lined up with the values below', () => {
		const v = fert(['净含量:', '批号:', '生产日期:', '20kg', 'T240709', '2024.07.09'].join('\n'));
		expect([v.netContent, v.batch, v.productionDate]).toEqual([null, null, null]);
		// below its key a batch is a lone code, not a piece of a sentence
		expect(fert('批号:\n本品应贮存于阴凉处 A3').batch).toBeNull();
	});

	it('company names broken across two lines are joined', () => {
		expect(fert('生产企业:宁安市青川生物股份有\n限公司').manufacturer).toBe(
			'宁安市青川生物股份有限公司'
		);
		expect(fert('生产企业:黑龙江北垣农业科技\n有限责任公司').manufacturer).toBe(
			'黑龙江北垣农业科技有限责任公司'
		);
		expect(fert('生产企业:黑龙江北垣\n~\n农业集团有限公司').manufacturer).toBe(
			'黑龙江北垣农业集团有限公司'
		);
		// without a key, only a line of Han characters and a tail that is no name by itself
		expect(pest('黑龙江北垣农业科技有限\n公司 电话:0451-5550123').manufacturer).toBe(
			'黑龙江北垣农业科技有限公司'
		);
		expect(fert('批号:T240709\nA17\n林源肥业有限公司').manufacturer).toBe('林源肥业有限公司');
		// a key word run into the name is part of it
		expect(fert('生产企业:北垣生产商贸有限公司').manufacturer).toBe('北垣生产商贸有限公司');
		// the next line is another field: not joined, and a name cut short of its organisational form is
		// not given as the maker's name (a registered name ends with it: 企业名称登记管理规定)
		expect(fert('生产企业:黑龙江北垣农业\n地址:黑龙江省宁安市').manufacturer).toBeNull();
		expect(fert('生产企业:en了业国区全').manufacturer).toBeNull();
		// a body that is no company keeps its own ending
		expect(pest('登记证持有人:黑龙江省农业科学院植物保护研究所').manufacturer).toBe(
			'黑龙江省农业科学院植物保护研究所'
		);
		expect(fert('生产企业:宁安市北垣农机专业合作社').manufacturer).toBe('宁安市北垣农机专业合作社');
	});

	it('company endings: 集团 after its key, 有限公 with its last character lost', () => {
		expect(fert('生产企业:北垣农业集团').manufacturer).toBe('北垣农业集团');
		expect(fert('生产企业:北垣农业集团有限公司').manufacturer).toBe('北垣农业集团有限公司');
		expect(pest('林源化工有限公 电话:0451-5550123').manufacturer).toBe('林源化工有限公司');
	});

	it('the number of sprays when the line ends before 次', () => {
		expect(pest('在大豆上使用的安全间隔期为21天，每季最多使用3').maxApplications).toBe(3);
		expect(pest('每季最多使用3人').maxApplications).toBeNull();
	});
});

describe('batch repair', () => {
	it('a look-alike between digits is a digit; letters of the code are kept', () => {
		expect(labelValues(parseLabel('复合肥料\n批号:24O7O9')).batch).toBe('240709');
		expect(labelValues(parseLabel('复合肥料\n批号:BOS17')).batch).toBe('BOS17');
	});
	it('letters that make the production date are its digits, nothing else is touched', () => {
		expect(repairBatch('TBO709', '2024-07-09')).toBe('TB0709');
		expect(repairBatch('X24O7O9', '2024-07-09')).toBe('X240709');
		expect(repairBatch('TBO709', '2024-07-10')).toBe('TBO709');
		expect(repairBatch('SOIL', '2024-07-09')).toBe('SOIL');
		expect(repairBatch('TBO709', null)).toBe('TBO709');
		const v = labelValues(parseLabel('复合肥料\n生产日期:2024-07-09\n批号:TBO709'));
		expect(v.batch).toBe('TB0709');
	});
	it('a code with no look-alike letters is never changed', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[ACEFHJKMNPRTUVWXY0-9]{3,10}$/),
				fc.date({ noInvalidDate: true }),
				(code, d) => {
					expect(repairBatch(code, d.toISOString().slice(0, 10))).toBe(code);
				}
			)
		);
	});
});
