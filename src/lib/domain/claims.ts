/**
 * Words a farmer's listing or shop text may not use, or may use only with a certificate. One checker for the
 * listing tool's title, the listing text and the shop-text check: each finding names the rule it breaks and
 * what to do. Pure, so the screens only show it. Warned, never refused: a seller who holds the certificate
 * may keep the word (the screen asks whether they do and says what the pack must show); a health claim is
 * never allowed on ordinary food, so it is always warned as not allowed.
 *
 * Sources (primary texts; the national law database is https://flk.npc.gov.cn/, search the law's name):
 * - 《中华人民共和国食品安全法》第七十一条: labels "不得涉及疾病预防、治疗功能"; 第七十三条: food
 *   advertising "不得涉及疾病预防、治疗功能" (text as reposted at
 *   http://sdpaper.cfsn.cn/content/2016-10/14/content_43035.htm).
 * - 《中华人民共和国广告法》第十七条: "除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能，
 *   并不得使用医疗用语或者易使推销的商品与药品、医疗器械相混淆的用语" (repost:
 *   https://www.shoulawyer.com/zhishi/95111.htm).
 * - 有机: GB/T 19630-2019《有机产品 生产、加工、标识与管理体系要求》and 《有机产品认证管理办法》
 *   (市场监管总局): without organic certification nobody may put "有机"/"ORGANIC" words on the product or
 *   pack that may lead buyers to take it for an organic product; a certified pack shows the China organic
 *   product mark with its own number (有机码) and the certifying body's name (reposts:
 *   http://haozs.cc/news/shipinfagui/59503.html, https://zhguoguo.com/News/newsDetail/id/1604). Article
 *   number of the 办法 not confirmed by our search, so not given.
 * - 绿色食品: 《绿色食品标志管理办法》(农业部令 2012 年第 6 号): only products licensed by the China Green Food
 *   Development Center may use the mark; since 2009-08-01 packs carry the enterprise code GF + 12 digits
 *   (repost: https://www.oubafeng.com/lehuo/meishi/117158.html).
 * - 无公害: the nationally unified 无公害农产品 certification was suspended from 2018-01-01 (农办质〔2017〕41号;
 *   repost: https://scholarmate.com/S/y8pM2P); the revised 农产品质量安全法 (2023) relies on the 承诺达标合格证.
 * - 地理标志: 国家知识产权局 manages geographical-indication products and the GI special mark
 *   (《地理标志产品保护办法》, in force 2024-02-01, 第五条; text as reposted at
 *   http://www.jianbiaoku.com/webarbs/book/171760/4860169.shtml); only approved users may use the mark.
 */
import { toHalfWidth } from './listing';

export type ClaimKind = 'health' | 'organic' | 'green-food' | 'pollution-free' | 'geo-indication';

export interface ClaimFinding {
	kind: ClaimKind;
	/** The words as they stand in the text. */
	words: string[];
}

/** The rule each kind of word breaks, in the law's own name (shown to the farmer in Chinese and English). */
export const CLAIM_BASIS: Record<ClaimKind, string> = {
	health: '《食品安全法》第七十一条、第七十三条；《广告法》第十七条',
	organic: 'GB/T 19630《有机产品》；《有机产品认证管理办法》',
	'green-food': '《绿色食品标志管理办法》',
	'pollution-free': '农办质〔2017〕41号（2018年起暂停全国统一认证）',
	'geo-indication': '《地理标志产品保护办法》（国家知识产权局）'
};

/** Marks between words a seller may type to dodge a check ("降 血 糖", "抗-癌"). */
const GAP = '[\\s·\\-_*.。、]*';
const spaced = (word: string) => [...word].join(GAP);

/**
 * Health claims: a disease or body function the food would prevent, treat or cure, and medical words that
 * make food look like medicine (广告法 第十七条 "医疗用语"). Our list, from the words market regulators most
 * often cite; extend it here.
 */
const HEALTH_WORDS = [
	'降血糖',
	'降血压',
	'降血脂',
	'降三高',
	'降糖',
	'降压',
	'降脂',
	'抗癌',
	'防癌',
	'治癌',
	'抗肿瘤',
	'治疗',
	'治愈',
	'根治',
	'疗效',
	'药效',
	'药用',
	'主治',
	'消炎',
	'壮阳'
];
/**
 * "预防糖尿病", "治胃病": prevent/cure + up to six characters + 病/症/癌/炎/感冒. Not the farm's own work: 防治
 * (crop protection), 病虫 (pests) and crop diseases such as 稻瘟病 are what the farmer did in the field.
 */
const HEALTH_PATTERNS = [
	/(?:预防|防止|治好|医治|(?<!防)治)[^，,。.；;！!？?\s]{0,6}?(?:病(?!虫)|症|癌|炎|感冒)/g
];
const CROP_DISEASE = /瘟|纹枯|锈病|黑穗|丝黑|叶斑|白粉|霜霉|根腐|菌核|枯萎|大斑|小斑|病虫/;

/** 有机, but not the farming words 有机肥, 有机质, 有机物, 有机无机 (a fertilizer type): those describe the soil. */
const ORGANIC = new RegExp(`${spaced('有机')}(?!${GAP}(?:肥|质|物|无机|磷|氮|碳))|organic`, 'gi');
const GREEN_FOOD = new RegExp(`${spaced('绿色食品')}|绿标`, 'g');
const POLLUTION_FREE = new RegExp(spaced('无公害'), 'g');
const GEO = new RegExp(`${spaced('地理标志')}|地标产品`, 'g');

function found(text: string, pattern: RegExp): string[] {
	return [...text.matchAll(pattern)].map((match) => match[0]);
}

const unique = (words: string[]) => [...new Set(words)];

export interface ClaimOptions {
	/** The 绿色食品 number the seller typed, already read as valid: then "绿色食品" is backed by it. */
	greenFoodCode?: string | null;
}

/** Every claim in the text, one finding per kind, in the order of CLAIM_BASIS. */
export function checkClaims(text: string, options: ClaimOptions = {}): ClaimFinding[] {
	const plain = toHalfWidth(text);
	const findings: ClaimFinding[] = [];
	const health = unique([
		...HEALTH_WORDS.flatMap((word) => found(plain, new RegExp(spaced(word), 'g'))),
		...HEALTH_PATTERNS.flatMap((pattern) => found(plain, pattern)).filter(
			(words) => !CROP_DISEASE.test(words)
		)
	]).filter((word, _, all) => !all.some((other) => other !== word && other.includes(word)));
	if (health.length) findings.push({ kind: 'health', words: health });
	const add = (kind: ClaimKind, pattern: RegExp) => {
		const words = unique(found(plain, pattern));
		if (words.length) findings.push({ kind, words });
	};
	add('organic', ORGANIC);
	if (!options.greenFoodCode) add('green-food', GREEN_FOOD);
	add('pollution-free', POLLUTION_FREE);
	add('geo-indication', GEO);
	return findings;
}
