/**
 * The money of a sale (销售): the price she sold at (元 per kg or per 斤, as she sells) and the amount she
 * received (元). Either is worked out from the other and the quantity when only one is written; both written
 * but not adding up asks a plain question before the record is saved. Pure: the record form, the batch page
 * and the listing's price history all read sales through these.
 */
import { isQuantity, type LogDetails, type Quantity, type Unit } from './field-logs';
import { KG_PER_JIN, type Locale } from './units';

export type PriceUnit = 'yuanPerKg' | 'yuanPerJin';

/** 元 per kg of a price in its own unit (1 斤 = 0.5 kg, so 1 元/斤 = 2 元/kg). */
export function perKg(price: Quantity): number {
	return price.unit === 'yuanPerJin' ? price.value / KG_PER_JIN : price.value;
}

/** A per-kg price in the unit asked for. */
export function inPriceUnit(yuanPerKg: number, unit: PriceUnit): number {
	return unit === 'yuanPerJin' ? yuanPerKg * KG_PER_JIN : yuanPerKg;
}

/** The price unit that goes with how she weighed it: sold by the 斤, priced by the 斤. */
export function priceUnitFor(quantityUnit: Unit | undefined): PriceUnit {
	return quantityUnit === 'jin' ? 'yuanPerJin' : 'yuanPerKg';
}

/** Money is kept to the fen. */
export function roundFen(yuan: number): number {
	return Math.round(yuan * 100) / 100;
}

/** A worked-out price is kept to 0.0001 元 (grain is priced to the 厘), so price × quantity gives the amount back. */
function roundPrice(yuan: number): number {
	return Math.round(yuan * 10_000) / 10_000;
}

const finite = (q: Quantity | undefined): q is Quantity => !!q && Number.isFinite(q.value);

function kgOf(details: LogDetails): number | null {
	const q = details.quantity;
	if (!isQuantity(q) || !finite(q) || q.value <= 0) return null;
	return q.unit === 'jin' ? q.value * KG_PER_JIN : q.value;
}

function moneyOf(details: LogDetails, key: 'price' | 'amount'): Quantity | undefined {
	const v = details[key];
	return isQuantity(v) && finite(v) ? v : undefined;
}

/**
 * Price and amount that disagree by more than this are asked about: 1 % or 1 元, whichever is more. Rounding
 * and a buyer's 抹零 (dropping the odd 元) stay inside; a price per 斤 typed as per kg (a factor of 2) or a
 * slipped digit (10×) do not.
 */
export function moneyTolerance(expected: number): number {
	return Math.max(1, Math.abs(expected) * 0.01);
}

export type SaleMoneyCheck =
	/** Nothing to work out: no price and no amount, or no quantity to work from. */
	| { kind: 'none' }
	/** Both written, and they agree with the quantity. */
	| { kind: 'agrees' }
	/** One was worked out from the other (its value in `value`, in the unit of the record). */
	| { kind: 'filled'; key: 'price' | 'amount'; value: Quantity }
	/** Both written but price × quantity is not the amount: `expected` is what the price gives. */
	| { kind: 'disagrees'; expected: number; amount: number };

/**
 * What the sale's money says. `priceUnit` is the unit a worked-out price is given in (the price box's
 * unit, even while it is empty).
 */
export function checkSaleMoney(details: LogDetails, priceUnit: PriceUnit): SaleMoneyCheck {
	// a box holding what is not a number ("2.4o") is the farmer's to mend, never worked out over
	const mistyped = (key: 'price' | 'amount') => {
		const v = details[key];
		return isQuantity(v) && !Number.isFinite(v.value);
	};
	if (mistyped('price') || mistyped('amount')) return { kind: 'none' };
	const kg = kgOf(details);
	const price = moneyOf(details, 'price');
	const amount = moneyOf(details, 'amount');
	if (kg === null || (!price && !amount)) return { kind: 'none' };
	if (price && !amount)
		return {
			kind: 'filled',
			key: 'amount',
			value: { value: roundFen(kg * perKg(price)), unit: 'yuan' }
		};
	if (amount && !price)
		return {
			kind: 'filled',
			key: 'price',
			value: { value: roundPrice(inPriceUnit(amount.value / kg, priceUnit)), unit: priceUnit }
		};
	const expected = roundFen(kg * perKg(price!));
	const got = amount!.value;
	return Math.abs(got - expected) <= moneyTolerance(expected)
		? { kind: 'agrees' }
		: { kind: 'disagrees', expected, amount: got };
}

/** The sale's details with a missing price or amount worked out, as they are saved. */
export function completeSaleMoney(details: LogDetails, priceUnit: PriceUnit): LogDetails {
	const check = checkSaleMoney(details, priceUnit);
	return check.kind === 'filled' ? { ...details, [check.key]: check.value } : details;
}

/** What a saved sale says about money: its kg, its price per kg and the amount, each null when not known. */
export interface SaleMoney {
	kg: number | null;
	yuanPerKg: number | null;
	amount: number | null;
}

/** A saved sale's money; an older one without an amount gets it from its price (and the other way round). */
export function saleMoneyOf(details: LogDetails | undefined): SaleMoney {
	const d = details ?? {};
	const kg = kgOf(d);
	const price = moneyOf(d, 'price');
	const amount = moneyOf(d, 'amount');
	const yuanPerKg = price ? perKg(price) : amount && kg ? amount.value / kg : null;
	const money = amount ? amount.value : price && kg !== null ? roundFen(kg * perKg(price)) : null;
	return { kg, yuanPerKg, amount: money };
}

/** What a batch's sales brought in: only done sales count; planned ones and those with no money noted apart. */
export function salesTotal(sales: readonly { status: string; details?: LogDetails }[]): {
	earned: number;
	counted: number;
	withoutMoney: number;
	planned: number;
} {
	let earned = 0;
	let counted = 0;
	let withoutMoney = 0;
	let planned = 0;
	for (const s of sales) {
		if (s.status !== 'done') {
			planned += 1;
			continue;
		}
		const { amount } = saleMoneyOf(s.details);
		if (amount === null) withoutMoney += 1;
		else {
			earned += amount;
			counted += 1;
		}
	}
	return { earned: roundFen(earned), counted, withoutMoney, planned };
}

/** An amount of money, to the fen: "1,200.00 元", "1,200.00 yuan". */
export function formatYuan(yuan: number, locale: Locale): string {
	const text = new Intl.NumberFormat(locale, {
		minimumFractionDigits: 2,
		maximumFractionDigits: 2
	}).format(yuan);
	return locale === 'zh-CN' ? `${text} 元` : `${text} yuan`;
}

/** A price, to the fen or finer when it was written finer: "2.40 元/公斤", "1.185 yuan/jin". */
export function formatPrice(value: number, unit: PriceUnit, locale: Locale): string {
	const text = new Intl.NumberFormat(locale, {
		minimumFractionDigits: 2,
		maximumFractionDigits: 4
	}).format(value);
	const per =
		locale === 'zh-CN'
			? unit === 'yuanPerJin'
				? '元/斤'
				: '元/公斤'
			: unit === 'yuanPerJin'
				? 'yuan/jin'
				: 'yuan/kg';
	return `${text} ${per}`;
}

/** A record's money detail for the screen: amounts to the fen, prices in their unit. */
export function formatMoneyQuantity(q: Quantity, locale: Locale): string | null {
	if (q.unit === 'yuan') return formatYuan(q.value, locale);
	if (q.unit === 'yuanPerKg' || q.unit === 'yuanPerJin')
		return formatPrice(q.value, q.unit, locale);
	return null;
}

// ── the listing's price history ──────────────────────────────────────────────────────────────────────────

export interface PriceHistoryEntry {
	logId: string;
	at: number;
	buyer: string;
	yuanPerKg: number;
	kg: number | null;
	amount: number | null;
	/** The trace code of the batch it was sold from. */
	code: string;
}

/** Product words as people type them: spaces and case do not matter ("五常 大米" is "五常大米"). */
const plainWords = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const plainCode = (s: string) => s.replace(/[\s-]+/g, '').toUpperCase();

/**
 * What she sold this product for before, newest first: done sales with a price (or an amount to work one
 * out from) whose batch is the listing's batch (its trace code) or holds the same product. Planned sales and
 * deleted ones are not prices anyone paid.
 */
export function priceHistory(
	sales: readonly {
		id: string;
		type: string;
		status: string;
		at: number;
		deleted?: boolean;
		details?: LogDetails;
	}[],
	batches: readonly { id: string; code: string; product: string }[],
	listing: { product: string; code: string }
): PriceHistoryEntry[] {
	const product = plainWords(listing.product);
	const code = plainCode(listing.code);
	if (!product && !code) return [];
	const entries: PriceHistoryEntry[] = [];
	for (const sale of sales) {
		if (sale.deleted || sale.type !== 'sale' || sale.status !== 'done') continue;
		const named = sale.details?.batch;
		if (typeof named !== 'string' || !named) continue;
		// a sale names its batch by id; older sales typed its trace code
		const batch = batches.find((b) => b.id === named || plainCode(b.code) === plainCode(named));
		if (!batch) continue;
		const same =
			(code !== '' && plainCode(batch.code) === code) ||
			(product !== '' && plainWords(batch.product) === product);
		if (!same) continue;
		const money = saleMoneyOf(sale.details);
		if (money.yuanPerKg === null) continue;
		const buyer = sale.details?.buyer;
		entries.push({
			logId: sale.id,
			at: sale.at,
			buyer: typeof buyer === 'string' ? buyer : '',
			yuanPerKg: money.yuanPerKg,
			kg: money.kg,
			amount: money.amount,
			code: batch.code
		});
	}
	return entries.sort((a, b) => b.at - a.at);
}
