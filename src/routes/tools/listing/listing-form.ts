import {
	calculatePrice,
	MAX_YUAN,
	perWeight,
	type PriceInputs,
	type PriceResult
} from '$lib/domain/listing';
import { readNumber } from '$lib/domain/numbers';
import { jinToKg } from '$lib/domain/units';

/** The listing being built: every value as typed, kept as a draft on this phone (never synced). */
export interface ListingForm {
	brand: string;
	attributes: string;
	product: string;
	weight: string;
	weightUnit: 'jin' | 'kg';
	grade: string;
	packaging: string;
	stockKg: string;
	origin: string;
	traceCode: string;
	greenFoodCode: string;
	geoIndication: string;
	cost: string;
	packagingCost: string;
	shipping: string;
	loss: string;
	platformFee: string;
	promotion: string;
	margin: string;
}

export const PRICE_FIELDS = [
	'cost',
	'packagingCost',
	'shipping',
	'loss',
	'platformFee',
	'promotion',
	'margin'
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

export function emptyListingForm(): ListingForm {
	return {
		brand: '',
		attributes: '',
		product: '',
		weight: '',
		weightUnit: 'jin',
		grade: '',
		packaging: '',
		stockKg: '',
		origin: '',
		traceCode: '',
		greenFoodCode: '',
		geoIndication: '',
		cost: '',
		packagingCost: '',
		shipping: '',
		loss: '',
		platformFee: '',
		promotion: '',
		margin: ''
	};
}

/** ?product=&origin=&code=&kg= — how a harvest batch links here. */
export function listingFormFromQuery(query: URLSearchParams): ListingForm {
	const form = emptyListingForm();
	const text = (key: string) => (query.get(key) ?? '').trim().slice(0, 100);
	form.product = text('product');
	form.origin = text('origin');
	form.traceCode = text('code');
	form.stockKg = text('kg');
	return form;
}

export function isEmptyListing(form: ListingForm): boolean {
	const blank = emptyListingForm();
	return (Object.keys(blank) as (keyof ListingForm)[]).every((key) => form[key] === blank[key]);
}

/** Net weight of one piece in kg, or a range problem; null when left empty. */
export function readNetKg(form: ListingForm): { kg: number } | { problem: true } | null {
	if (!form.weight.trim()) return null;
	const value = readNumber(form.weight);
	if (value === null || value < 0.1 || value > 1000) return { problem: true };
	return { kg: form.weightUnit === 'kg' ? value : jinToKg(value) };
}

export function readStock(form: ListingForm): number | null | 'bad' {
	if (!form.stockKg.trim()) return null;
	const value = readNumber(form.stockKg);
	return value === null || value < 0 || value > MAX_YUAN ? 'bad' : value;
}

export type FieldProblem = 'money-range' | 'share-range';

export interface PriceReading {
	/** Each typed number that can't be used, by field. */
	fields: Partial<Record<PriceField, FieldProblem>>;
	/** Nothing typed yet: no result and no complaint. */
	blank: boolean;
	result: PriceResult | null;
	/** The price and the break-even per kg and per 斤, once the net weight is known. */
	perWeight: { price: PerWeight; breakEven: PerWeight } | null;
}

type PerWeight = { perKg: number; perJin: number };

const MONEY: readonly PriceField[] = ['cost', 'packagingCost', 'shipping', 'loss'];

/** Reads the price inputs as typed: a field left empty counts 0 ("没有就不填"). */
export function readPrice(form: ListingForm): PriceReading {
	const fields: Partial<Record<PriceField, FieldProblem>> = {};
	const numbers = {} as Record<PriceField, number>;
	for (const field of PRICE_FIELDS) {
		const typed = form[field].trim();
		const value = typed ? readNumber(typed) : 0;
		const money = MONEY.includes(field);
		const ok = value !== null && value >= 0 && (money ? value <= MAX_YUAN : value < 100);
		if (!ok) fields[field] = money ? 'money-range' : 'share-range';
		else numbers[field] = value;
	}
	const blank = PRICE_FIELDS.every((field) => !form[field].trim());
	if (blank || Object.keys(fields).length) return { fields, blank, result: null, perWeight: null };
	const inputs: PriceInputs = {
		cost: numbers.cost,
		packaging: numbers.packagingCost,
		shipping: numbers.shipping,
		loss: numbers.loss,
		platformFeePct: numbers.platformFee,
		promotionPct: numbers.promotion,
		marginPct: numbers.margin
	};
	const result = calculatePrice(inputs);
	const net = readNetKg(form);
	const weight =
		result.ok && net && 'kg' in net
			? { price: perWeight(result.price, net.kg), breakEven: perWeight(result.breakEven, net.kg) }
			: null;
	return { fields, blank, result, perWeight: weight };
}
