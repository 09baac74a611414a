/**
 * A product listing for rural e-commerce: the title and its checks, the 绿色食品 code, the price calculator
 * and the photo checklist. Pure: the screen /tools/listing only adapts these.
 */
import { KG_PER_JIN } from './units';

// ---------------------------------------------------------------------------------------------------------
// Title

/**
 * Length limit. facts.md §5 gives the title's parts but no length, so this is OUR DEFAULT, the common
 * marketplace rule: at most 60 bytes, a Chinese character counting 2 and a Latin letter or digit 1 — so at
 * most 30 Chinese characters.
 */
export const TITLE_MAX_UNITS = 60;

export interface TitleParts {
	brand: string;
	/** Attribute words: variety, place, grade, weight ("五常", "稻花香", "10斤"). */
	attributes: string;
	/** Exactly one product word ("大米"). */
	product: string;
}

/** brand word + attribute words + product word (facts.md §5: Baidu B2B and Kuaishou title rules). */
export function buildTitle(parts: TitleParts): string {
	return [parts.brand, parts.attributes, parts.product]
		.map((part) => part.trim().replace(/\s+/g, ' '))
		.filter(Boolean)
		.join(' ');
}

/** Length in bytes as marketplaces count it: a wide (Chinese, full-width) character counts 2. */
export function titleLength(title: string): number {
	let units = 0;
	for (const ch of title) units += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
	return units;
}

export type TitleProblem =
	| { kind: 'empty' }
	| { kind: 'no-product' }
	| { kind: 'too-long'; length: number; max: number }
	| { kind: 'phone' }
	| { kind: 'wechat' }
	| { kind: 'url' }
	| { kind: 'symbols' };

/**
 * Words banned in advertising by 《中华人民共和国广告法》(2015 revision) 第九条第（三）项: "使用'国家级'、'最高级'、
 * '最佳'等用语"; the longer list is the one market regulators commonly enforce under it. Warned, not refused:
 * "最" can be part of an honest word, so the seller decides.
 */
export const EXTREME_WORDS = [
	'国家级',
	'世界级',
	'最高级',
	'最佳',
	'第一',
	'唯一',
	'顶级',
	'极品',
	'首选',
	'独家',
	'全网',
	'冠军',
	'绝对',
	'万能',
	'100%',
	'最'
] as const;

export interface TitleCheck {
	title: string;
	length: number;
	max: number;
	/** Refused: the listing can't be used until these are fixed. */
	problems: TitleProblem[];
	/** Extreme words found (广告法 第九条), shown as warnings. */
	extremeWords: string[];
}

/** Full-width ASCII (digits, letters, ：．) to plain ASCII, so "１３８" is read as "138". */
export function toHalfWidth(text: string): string {
	return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Digit runs that may be split by spaces, dashes, dots or brackets, as phone numbers are written. */
const DIGIT_RUN = /\d(?:[\s\-–—.·()（）]*\d)+/g;

/** A mainland mobile (1[3-9] + 9 digits, optional +86), a landline with area code, or a 400/800 line. */
export function hasPhoneNumber(text: string): boolean {
	const plain = toHalfWidth(text);
	for (const run of plain.match(DIGIT_RUN) ?? []) {
		const digits = run.replace(/\D/g, '').replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
		if (/1[3-9]\d{9}/.test(digits)) return true;
		if (/^0\d{2,3}\d{7,8}$/.test(digits)) return true;
		if (/^[48]00\d{7}$/.test(digits)) return true;
	}
	return false;
}

/** "微信", "VX", "V信", "wx", "加V", "QQ" and look-alikes: sellers may not take buyers off the platform. */
export function hasWeChatId(text: string): boolean {
	const plain = toHalfWidth(text).toLowerCase();
	return /微信|威信|薇信|v信|vx|wx|加v|weixin|wechat|qq/.test(plain);
}

export function hasUrl(text: string): boolean {
	return /https?:\/\/|www\.|[a-z0-9-]+\.(?:com|cn|net|org|top|vip|shop)\b/i.test(toHalfWidth(text));
}

/** Symbol padding (facts.md §5: "no symbol padding"): decorative signs, or any sign three times in a row. */
function hasSymbolPadding(text: string): boolean {
	return /[★☆♥❤◆◇●○■□▲△※→←↑↓【】『』]/.test(text) || /([!！?？~～*#$&.。,，])\1\1/.test(text);
}

export function checkTitle(parts: TitleParts): TitleCheck {
	const title = buildTitle(parts);
	const length = titleLength(title);
	const problems: TitleProblem[] = [];
	if (!title) problems.push({ kind: 'empty' });
	else if (!parts.product.trim()) problems.push({ kind: 'no-product' });
	if (length > TITLE_MAX_UNITS) problems.push({ kind: 'too-long', length, max: TITLE_MAX_UNITS });
	if (hasPhoneNumber(title)) problems.push({ kind: 'phone' });
	if (hasWeChatId(title)) problems.push({ kind: 'wechat' });
	if (hasUrl(title)) problems.push({ kind: 'url' });
	if (hasSymbolPadding(title)) problems.push({ kind: 'symbols' });
	const plain = toHalfWidth(title);
	const found: string[] = EXTREME_WORDS.filter((word) => plain.includes(word));
	// "最" alone only when no longer banned word found already contains it
	const extremeWords = found.filter(
		(word) => word !== '最' || !found.some((other) => other !== '最' && other.includes('最'))
	);
	return { title, length, max: TITLE_MAX_UNITS, problems, extremeWords };
}

// ---------------------------------------------------------------------------------------------------------
// 绿色食品

/**
 * 绿色食品 numbers. facts.md §5 gives the product number as LB-XX-XXXXXXXXXX: "LB", a 2-digit product class,
 * then the approval year, month, province and serial. Numbers listed by the centre since about 2019 carry an
 * 11-digit serial part and end in the grade letter A or AA (LB-15-1711196965A, LB-15-19012700330A — listed on
 * greenfood.hao86.com); since 2009 the pack may instead show the enterprise code GF + 12 digits (county code 6,
 * year 2, serial 4; same source). Our assumption: accept LB-2 digits-10 or 11 digits with an optional A/AA,
 * and GF + 12 digits. The check is on the form only: the real check is the centre's own search.
 * The GF enterprise code's form (6-digit county code, 2-digit year, 4-digit serial; since 2009-08-01, the only
 * code on certified packs after 2012-07-31) is confirmed by a repost only:
 * https://www.oubafeng.com/lehuo/meishi/117158.html — the centre's own text was not found. Rule:
 * 《绿色食品标志管理办法》(农业部令 2012 年第 6 号). Claims of 绿色食品 in the listing's words: claims.ts.
 */
export type GreenFoodCode = { kind: 'product' | 'enterprise'; code: string };

export function readGreenFoodCode(typed: string): GreenFoodCode | null {
	const plain = toHalfWidth(typed)
		.toUpperCase()
		.replace(/[\s]/g, '')
		.replace(/[–—－_]/g, '-');
	if (/^LB-\d{2}-\d{10,11}(?:A|AA)?$/.test(plain)) return { kind: 'product', code: plain };
	if (/^GF\d{12}$/.test(plain)) return { kind: 'enterprise', code: plain };
	return null;
}

// ---------------------------------------------------------------------------------------------------------
// Price

/** Money for one piece (件: one bag or box) in yuan; shares in percent of the selling price. */
export interface PriceInputs {
	cost: number;
	packaging: number;
	shipping: number;
	/** Loss allowance: breakage, rot, refunds, per piece. */
	loss: number;
	platformFeePct: number;
	promotionPct: number;
	marginPct: number;
}

/** Anything above ¥1,000,000 a piece is a typing slip, not a farm product. */
export const MAX_YUAN = 1_000_000;

export type PriceProblem =
	| { kind: 'negative-cost'; field: 'cost' | 'packaging' | 'shipping' | 'loss' }
	| { kind: 'share-range'; field: 'platformFeePct' | 'promotionPct' | 'marginPct' }
	| { kind: 'no-cost' }
	/** fee + promotion + margin ≥ 100 %: no price covers the costs. */
	| { kind: 'shares-too-high'; total: number }
	/** fee + promotion alone ≥ 100 %: not even break-even exists. */
	| { kind: 'fees-too-high'; total: number };

export type PriceResult =
	| { ok: true; costs: number; price: number; breakEven: number; profit: number }
	| { ok: false; problems: PriceProblem[] };

/**
 * facts.md §5: price = (cost + packaging + express + loss allowance) ÷ (1 − platform fee % − promotion % −
 * margin %). Break-even is the same without the margin: the price at which the seller earns nothing.
 */
export function calculatePrice(inputs: PriceInputs): PriceResult {
	const problems: PriceProblem[] = [];
	for (const field of ['cost', 'packaging', 'shipping', 'loss'] as const)
		if (!(inputs[field] >= 0 && inputs[field] <= MAX_YUAN))
			problems.push({ kind: 'negative-cost', field });
	for (const field of ['platformFeePct', 'promotionPct', 'marginPct'] as const)
		if (!(inputs[field] >= 0 && inputs[field] < 100)) problems.push({ kind: 'share-range', field });
	if (problems.length) return { ok: false, problems };
	const costs = inputs.cost + inputs.packaging + inputs.shipping + inputs.loss;
	if (costs <= 0) return { ok: false, problems: [{ kind: 'no-cost' }] };
	const fees = inputs.platformFeePct + inputs.promotionPct;
	const total = fees + inputs.marginPct;
	if (fees >= 100) return { ok: false, problems: [{ kind: 'fees-too-high', total: fees }] };
	if (total >= 100) return { ok: false, problems: [{ kind: 'shares-too-high', total }] };
	const price = costs / (1 - total / 100);
	const breakEven = costs / (1 - fees / 100);
	return { ok: true, costs, price, breakEven, profit: price * (inputs.marginPct / 100) };
}

/** A price per piece spread over the piece's net weight: per kg and per 斤 (units.ts: 1 斤 = 0.5 kg). */
export function perWeight(pricePerPiece: number, netKg: number): { perKg: number; perJin: number } {
	return { perKg: pricePerPiece / netKg, perJin: (pricePerPiece / netKg) * KG_PER_JIN };
}

/** Money as a shop shows it: rounded up to the fen, so a rounded price never falls below the one worked out. */
export function roundUpToFen(yuan: number): number {
	return Math.ceil(Math.round(yuan * 1e6) / 1e4) / 100;
}

// ---------------------------------------------------------------------------------------------------------
// Photos

/** facts.md §5: photos 1:1 or 3:4, at least 800×800. */
export const PHOTO_MIN_SIDE = 800;
/** Our default: a ratio within 2 % counts (a 1000×1010 phone crop is still square). */
export const PHOTO_RATIO_TOLERANCE = 0.02;

export interface PhotoCheck {
	/** The ratio it matches, or null. 3:4 is upright: 3 wide, 4 high. */
	ratio: '1:1' | '3:4' | null;
	bigEnough: boolean;
	ok: boolean;
}

export function checkPhoto(width: number, height: number): PhotoCheck {
	const valid = width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height);
	const near = (target: number) =>
		valid && Math.abs(width / height / target - 1) <= PHOTO_RATIO_TOLERANCE;
	const ratio = near(1) ? '1:1' : near(3 / 4) ? '3:4' : null;
	const bigEnough = valid && width >= PHOTO_MIN_SIDE && height >= PHOTO_MIN_SIDE;
	return { ratio, bigEnough, ok: ratio !== null && bigEnough };
}

/** The words a 绿色食品 pack must carry, as printed (in Chinese whatever the app's language: it is what the pack says). */
export const GREEN_FOOD_WORDING = '经中国绿色食品发展中心许可使用绿色食品标志';
