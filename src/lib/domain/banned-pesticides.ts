/**
 * Pesticides China bans (禁用) outright or on some crops, as the 农业农村部 (formerly 农业部) announced them: the
 * data behind the 承诺达标合格证 item "不使用禁用农药" (certificate-promises.ts). One row per announcement and
 * scope, each with the announcement it comes from and the first day of the ban. Names are the Chinese common
 * names (通用名) printed on labels.
 *
 * Sources: the announcements' own texts, read in reprints (the ministry's pages were not in reach): 农业部公告
 * 第199号 (biaozhun8.com/xinxi-968), 第274号 (nyncw.cq.gov.cn), 第322号 (its text as filed at gsny.gov.cn),
 * 第1586号 (www.gov.cn/zwgk/2011-07/07/content_1901506.htm), 第2032号 (农药检定所, w.icama.cn/zwb/detail/17833),
 * 第2289号, 第2445号 (农业部 on eight pesticides, 2016), 第1745号 (as quoted by the 江阴市农林局 notice,
 * jiangyin.gov.cn/doc/2016/09/14/390915.shtml); 农业农村部公告第536号 and 第736号; the eleven ministries'
 * announcement on 林丹 and 硫丹 of 4 March 2019 (生态环境部 et al., Stockholm Convention).
 *
 * Left out because no primary text could be found here (so the app says nothing rather than guess):
 * 2,4-滴丁酯 (the 2019 名录's "自2023年1月29日起禁止使用"), 氟虫胺 (公告第148号), 氟虫腈 (公告第1157号),
 * 毒死蜱 and 三唑磷 on vegetables (公告第2032号 item 5, cut off in the copy found), and 乙酰甲胺磷, 丁硫克百威,
 * 乐果 on vegetables, fruit, tea, fungi and herbs and 溴甲烷 (公告第2552号, seen only in news reports).
 * Crop withdrawals on citrus, apple and crucifers (公告第194号, 第1586号 item 2) are left out too: Heitu's crops
 * are none of them, and every product they named is banned outright since (536, 736, and 2019 for 硫丹).
 */

/** Crop groups the announcements name (蔬菜, 瓜果/果树, 茶叶, 菌类, 中草药材, 水稻, 花生, 甘蔗). */
export type CropGroup =
	'vegetable' | 'fruit' | 'tea' | 'fungi' | 'herb' | 'rice' | 'peanut' | 'sugarcane' | 'grain';

export interface BannedPesticide {
	/** Common names as labels write them; the first is the one shown. */
	names: readonly string[];
	/** 'all': banned on every crop; otherwise banned on these crop groups only. */
	scope: 'all' | readonly CropGroup[];
	/**
	 * The first day it may not be used (`YYYY-MM-DD`, Heilongjiang). Absent for bans in force since 2002 or
	 * earlier, long before any season this app records.
	 */
	from?: string;
	/** The announcement, as it is cited. */
	source: string;
}

/** The crops where 公告第199号 forbids its high-toxicity list: 蔬菜、果树、茶叶、中草药材. */
const VEG_FRUIT_TEA_HERB: readonly CropGroup[] = ['vegetable', 'fruit', 'tea', 'herb'];

export const BANNED_PESTICIDES: readonly BannedPesticide[] = [
	// 公告第199号 (2002) 一、国家明令禁止使用的农药
	{
		names: [
			'六六六',
			'滴滴涕',
			'毒杀芬',
			'二溴氯丙烷',
			'杀虫脒',
			'二溴乙烷',
			'除草醚',
			'艾氏剂',
			'狄氏剂',
			'敌枯双',
			'氟乙酰胺',
			'甘氟',
			'毒鼠强',
			'氟乙酸钠',
			'毒鼠硅'
		],
		scope: 'all',
		source: '农业部公告第199号'
	},
	// the same list's 汞制剂, 砷类, 铅类: any mercury, arsenic or lead compound
	{ names: ['汞', '砷', '铅'], scope: 'all', source: '农业部公告第199号' },
	// 公告第199号 二: not on vegetables, fruit trees, tea or herbs (the others of its 19 are banned outright below)
	{ names: ['内吸磷', '硫环磷', '氯唑磷'], scope: VEG_FRUIT_TEA_HERB, source: '农业部公告第199号' },
	{
		names: ['甲拌磷', '甲基异柳磷', '克百威', '涕灭威', '灭线磷'],
		scope: VEG_FRUIT_TEA_HERB,
		source: '农业部公告第199号'
	},
	{ names: ['三氯杀螨醇', '氰戊菊酯'], scope: ['tea'], source: '农业部公告第199号' },
	// 公告第274号 (2003) 二: 丁酰肼 (比久) not on peanuts
	{ names: ['丁酰肼', '比久'], scope: ['peanut'], source: '农业部公告第274号' },
	// 公告第322号 三: "自2007年1月1日起，全面禁止甲胺磷等5种高毒有机磷农药在农业上使用"
	{
		names: ['甲胺磷', '甲基对硫磷', '对硫磷', '久效磷', '磷胺'],
		scope: 'all',
		from: '2007-01-01',
		source: '农业部公告第322号'
	},
	// 公告第1586号 三: "自2013年10月31日起，停止销售和使用"
	{
		names: [
			'苯线磷',
			'地虫硫磷',
			'甲基硫环磷',
			'磷化钙',
			'磷化镁',
			'磷化锌',
			'硫线磷',
			'蝇毒磷',
			'治螟磷',
			'特丁硫磷'
		],
		scope: 'all',
		from: '2013-10-31',
		source: '农业部公告第1586号'
	},
	// 公告第2032号 一, 四: 氯磺隆, 福美胂, 福美甲胂 "自2015年12月31日起，禁止…在国内销售和使用"
	{
		names: ['氯磺隆', '福美胂', '福美甲胂'],
		scope: 'all',
		from: '2015-12-31',
		source: '农业部公告第2032号'
	},
	// 公告第2032号 二, 三: single products from 2015-12-31, mixtures from 2017-07-01 (the later day is used, as a
	// record does not say which it was)
	{ names: ['胺苯磺隆', '甲磺隆'], scope: 'all', from: '2017-07-01', source: '农业部公告第2032号' },
	// 公告第2289号 一: 杀扑磷 was registered on citrus only, so withdrawing that left it no lawful use
	{ names: ['杀扑磷'], scope: 'all', from: '2015-10-01', source: '农业部公告第2289号' },
	// 公告第1745号: 百草枯水剂 "2016年7月1日起停止…在国内销售和使用"; 公告第2445号 二 stopped renewing its other
	// domestic registrations (the last, a 可溶胶剂, ran to 2018-09-25, per the Jiangyin notice)
	{ names: ['百草枯'], scope: 'all', from: '2016-07-01', source: '农业部公告第1745号、第2445号' },
	// 公告第2445号 三, 四, 五
	{ names: ['三氯杀螨醇'], scope: 'all', from: '2018-10-01', source: '农业部公告第2445号' },
	{ names: ['氟苯虫酰胺'], scope: ['rice'], from: '2018-10-01', source: '农业部公告第2445号' },
	{
		names: ['克百威', '甲拌磷', '甲基异柳磷'],
		scope: ['sugarcane'],
		from: '2018-10-01',
		source: '农业部公告第2445号'
	},
	// "自2019年3月26日起，禁止林丹和硫丹的生产、流通、使用和进出口"
	{
		names: ['林丹', '硫丹'],
		scope: 'all',
		from: '2019-03-26',
		source: '生态环境部等11部门公告（2019年3月4日）'
	},
	// 农业农村部公告第536号: "自2024年9月1日起禁止销售和使用"
	{
		names: ['甲拌磷', '甲基异柳磷', '水胺硫磷', '灭线磷'],
		scope: 'all',
		from: '2024-09-01',
		source: '农业农村部公告第536号'
	},
	// 农业农村部公告第736号 一: "自2026年6月1日起禁止销售和使用"
	{
		names: ['氧乐果', '克百威', '灭多威', '涕灭威'],
		scope: 'all',
		from: '2026-06-01',
		source: '农业农村部公告第736号'
	}
];

/**
 * 《农药管理条例》(国务院令第677号, in force 2017-06-01) 第三十四条: 剧毒、高毒农药 may not be used on
 * vegetables, melons and fruit, tea, fungi or herbs. Checked from the label's toxicity class.
 */
export const HIGH_TOXICITY_RULE = {
	scope: ['vegetable', 'fruit', 'tea', 'fungi', 'herb'] as readonly CropGroup[],
	from: '2017-06-01',
	source: '《农药管理条例》第三十四条'
};

/** A label's text made comparable: no spaces, full-width letters and digits made plain, no content figures. */
export function plainIngredientText(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/\s+/g, '')
		.replace(/\d+(?:\.\d+)?(?:%|g\/L|克\/升)/gi, '');
}

export interface BannedMatch {
	/** The name as the table writes it. */
	name: string;
	rule: BannedPesticide;
}

/**
 * The banned names found in a label's text (name or active ingredient: "40%氧乐果乳油", "阿维·毒死蜱").
 * A name inside a longer one that also matched is not counted: 乐果 in 氧乐果, 克百威 in 丁硫克百威 (a
 * different, lawful ingredient, not in the table, so it never hides a ban).
 */
export function bannedIn(text: string): BannedMatch[] {
	const plain = plainIngredientText(text);
	if (!plain) return [];
	const hits: { name: string; start: number; end: number; rule: BannedPesticide }[] = [];
	for (const rule of BANNED_PESTICIDES)
		for (const name of rule.names) {
			for (let i = plain.indexOf(name); i >= 0; i = plain.indexOf(name, i + 1))
				hits.push({ name, start: i, end: i + name.length, rule });
		}
	// lawful ingredients whose names hold a banned one: their spans hide what they contain
	for (const name of LAWFUL_CONTAINING)
		for (let i = plain.indexOf(name); i >= 0; i = plain.indexOf(name, i + 1))
			hits.push({ name, start: i, end: i + name.length, rule: LAWFUL });
	const inside = (a: (typeof hits)[number], b: (typeof hits)[number]) =>
		b.end - b.start > a.end - a.start && b.start <= a.start && a.end <= b.end;
	return hits
		.filter((a) => a.rule !== LAWFUL && !hits.some((b) => inside(a, b)))
		.map(({ name, rule }) => ({ name, rule }));
}

const LAWFUL: BannedPesticide = { names: [], scope: [], source: '' };
/**
 * Registered ingredients whose names contain a banned one (丁硫克百威 ⊃ 克百威, 乙酰甲胺磷 ⊃ 甲胺磷, 丙硫克百威
 * ⊃ 克百威 — 公告第736号 itself names 丁硫克百威 and 丙硫克百威 as made from 克百威, not as it).
 */
const LAWFUL_CONTAINING = ['丁硫克百威', '丙硫克百威', '乙酰甲胺磷'];

/**
 * Words that say which group a crop is in, as farmers write crops. 马铃薯 counts as a vegetable: GB 2763
 * (食品中农药最大残留限量) files it under 蔬菜 (根茎类和薯芋类), and the stricter reading is the safe one for a
 * promise. Words are matched anywhere in the crop's name (水稻, 稻谷, 稻花香 are rice).
 */
const CROP_WORDS: Record<CropGroup, readonly string[]> = {
	rice: ['稻', '大米'],
	grain: [
		'玉米',
		'大豆',
		'黄豆',
		'小麦',
		'大麦',
		'燕麦',
		'荞麦',
		'高粱',
		'谷子',
		'小米',
		'绿豆',
		'红小豆',
		'向日葵',
		'葵花',
		'亚麻',
		'甜菜'
	],
	peanut: ['花生'],
	sugarcane: ['甘蔗'],
	vegetable: [
		'马铃薯',
		'土豆',
		'洋芋',
		'蔬菜',
		'白菜',
		'甘蓝',
		'包菜',
		'卷心菜',
		'萝卜',
		'黄瓜',
		'番茄',
		'西红柿',
		'辣椒',
		'青椒',
		'茄子',
		'豆角',
		'菜豆',
		'毛豆',
		'葱',
		'蒜',
		'韭菜',
		'芹菜',
		'菠菜',
		'生菜',
		'香菜',
		'南瓜',
		'西葫芦',
		'冬瓜',
		'苦瓜',
		'丝瓜',
		'山药',
		'甘薯',
		'红薯',
		'地瓜'
	],
	fruit: ['西瓜', '甜瓜', '香瓜', '草莓', '苹果', '梨', '葡萄', '蓝莓', '李子', '樱桃', '水果'],
	fungi: ['木耳', '蘑菇', '香菇', '平菇', '菌'],
	herb: ['五味子', '人参', '刺五加', '板蓝根', '药材', '中药'],
	tea: ['茶']
};

/** The groups of the crops named (sowing records, the batch's product); empty when none is recognised. */
export function cropGroupsOf(crops: readonly string[]): Set<CropGroup> {
	const groups = new Set<CropGroup>();
	for (const crop of crops) {
		const plain = plainIngredientText(crop);
		for (const [group, words] of Object.entries(CROP_WORDS) as [CropGroup, readonly string[]][])
			if (words.some((w) => plain.includes(w))) groups.add(group);
	}
	return groups;
}

/**
 * Bans reported by the 2019 禁限用农药名录 and news of later announcements whose primary text could not be read
 * here (see the opening comment). The app does not call a batch banned on them, nor tick the box past them:
 * such a product makes the item "cannot say", with a word to ask the county extension station.
 */
export const UNCONFIRMED_BANS: readonly {
	name: string;
	scope: 'all' | readonly CropGroup[];
	note: string;
}[] = [
	{ name: '2,4-滴丁酯', scope: 'all', note: '禁限用农药名录（2019）：自2023年1月29日起禁止使用' },
	{ name: '氟虫胺', scope: 'all', note: '农业部公告第148号' },
	{ name: '氟虫腈', scope: 'all', note: '农业部公告第1157号（种子包衣等少数用途除外）' },
	{ name: '毒死蜱', scope: ['vegetable'], note: '农业部公告第2032号' },
	{ name: '三唑磷', scope: ['vegetable'], note: '农业部公告第2032号' },
	{
		name: '乙酰甲胺磷',
		scope: ['vegetable', 'fruit', 'tea', 'fungi', 'herb'],
		note: '农业农村部公告第2552号'
	},
	{
		name: '丁硫克百威',
		scope: ['vegetable', 'fruit', 'tea', 'fungi', 'herb'],
		note: '农业农村部公告第2552号'
	},
	{
		name: '乐果',
		scope: ['vegetable', 'fruit', 'tea', 'fungi', 'herb'],
		note: '农业农村部公告第2552号'
	},
	{ name: '溴甲烷', scope: 'all', note: '农业农村部公告第2552号' }
];

/**
 * The first unconfirmed ban an ingredient text names that may apply to these crop groups (an empty set: the
 * crop is not known, so any may), or null.
 */
export function unconfirmedBanIn(
	text: string,
	groups: ReadonlySet<CropGroup> = new Set()
): { name: string; note: string } | null {
	// "2,4-滴丁酯", "2，4-滴丁酯" and "24滴丁酯" are one name
	const bare = (t: string) => plainIngredientText(t).replace(/[,-]/g, '');
	const plain = bare(text);
	for (const ban of UNCONFIRMED_BANS) {
		const applies =
			ban.scope === 'all' || groups.size === 0 || ban.scope.some((g) => groups.has(g));
		if (applies && plain.includes(bare(ban.name))) return { name: ban.name, note: ban.note };
	}
	return null;
}
