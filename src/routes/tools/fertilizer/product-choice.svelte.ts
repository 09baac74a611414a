import { parseNpk } from '$lib/domain/farm-inputs';
import {
	COMMON_PRODUCTS,
	supplierFor,
	type AreaUnit,
	type CommonProductKey,
	type Nutrient,
	type Product
} from '$lib/domain/fertilizer';
import {
	defaultChoice,
	defaultPricePerKg,
	planChosen,
	pricePerKg,
	type PricedPlan
} from '$lib/domain/fertilizer-mix';
import { productChoices, resolveChoice, type NamedProduct } from '$lib/domain/fertilizer-products';
import { LIMITS } from '$lib/domain/fertilizer';
import { readNumber } from '$lib/domain/numbers';
import type { InputRecord } from '$lib/domain/records';
import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import type { AppState } from '$lib/state/app.svelte';
import { Live } from '$lib/state/live.svelte';

const NAMES: Record<CommonProductKey, typeof m.calc_product_urea> = {
	urea: m.calc_product_urea,
	dap: m.calc_product_dap,
	kcl: m.calc_product_kcl,
	npk15: m.calc_product_npk15,
	sop: m.calc_product_sop,
	as: m.calc_product_as,
	ssp: m.calc_product_ssp
};
/** The straight fertilizers every village shop sells: with the farmer's own, what the plan starts from. */
const STARTERS = ['common:urea', 'common:dap', 'common:kcl'];
/** Prices and bag sizes the farmer typed, kept on this phone only (never synced). */
const KEPT = 'fertilizer:prices';

/**
 * The plan's products: the farmer's inventory and the common fertilizers, each listed once; the choice
 * (the cheapest balanced mix until she ticks boxes herself); the prices she typed, kept on the phone; and
 * the plan for the products chosen. Create while the page initialises.
 */
/** 元 per bag: more is a slipped digit (a 50 kg bag of the dearest fertilizer is a few hundred 元). */
export const PRICE_MAX_PER_BAG = 100_000;

export class ProductChoice {
	#picked = $state<string[] | null>(null);
	/** 元 per bag as typed, by product id. */
	prices = $state<Record<string, string>>({});
	/** kg per bag as typed, by product id. */
	bagSizes = $state<Record<string, string>>({});
	#keptLoaded = false;
	// set by the constructor; read only when a derived value is first read
	#wanted: () => Partial<Record<Nutrient, number>> = () => ({});
	#unit: () => AreaUnit = () => 'mu';
	readonly #app: AppState;
	// the inventory's live query: its source is read once the page runs, after the constructor set #app
	readonly #inventory = new Live<InputRecord[]>(
		() => this.#app.data?.watch((d) => d.farm.inputs('fertilizer')),
		[]
	);
	readonly commons: NamedProduct[] = COMMON_PRODUCTS.map((c) => ({
		id: c.id,
		name: NAMES[c.key](),
		names: locales.map((locale) => NAMES[c.key]({}, { locale })),
		npk: c.npk,
		bagKg: c.bagKg
	}));

	constructor(
		app: AppState,
		wanted: () => Partial<Record<Nutrient, number>>,
		unit: () => AreaUnit,
		picked: string[] | null = null
	) {
		this.#app = app;
		this.#wanted = wanted;
		this.#unit = unit;
		this.#picked = picked;
		$effect(() => {
			const data = app.data;
			if (!data || this.#keptLoaded) return;
			this.#keptLoaded = true;
			void data.drafts
				.get<{ prices: Record<string, string>; bags: Record<string, string> }>(KEPT)
				.then((kept) => {
					if (kept) {
						this.prices = { ...kept.value.prices, ...this.prices };
						this.bagSizes = { ...kept.value.bags, ...this.bagSizes };
					}
				});
		});
	}

	/** Keeps the typed prices and bag sizes on the phone. */
	keep(app: AppState): void {
		void app.data?.drafts.save(KEPT, { prices: this.prices, bags: this.bagSizes });
	}

	#owned = $derived(
		this.#inventory.current.flatMap((i): Product[] => {
			const npk = parseNpk(i.npk);
			return npk ? [{ id: i.id, name: i.name, npk, bagKg: 50 }] : [];
		})
	);
	#choices = $derived(productChoices(this.#owned, this.commons));

	get owned(): Product[] {
		return this.#owned;
	}

	/** Every product offered, each once: the farmer's own first. */
	get products(): Product[] {
		return this.#choices.products;
	}

	bagOf(p: Product): number {
		const typed = readNumber(this.bagSizes[p.id] ?? '');
		return typed !== null && typed >= LIMITS.bag.min && typed <= LIMITS.bag.max ? typed : p.bagKg;
	}

	/** 元 per bag: as she typed it, or null (the default is used). */
	typedPrice(p: Product): number | null {
		const typed = readNumber(this.prices[p.id] ?? '');
		return typed !== null && typed > 0 && typed <= PRICE_MAX_PER_BAG ? typed : null;
	}

	/** A number typed that is no price per bag (0, or more than any bag costs): said at the box. */
	priceOutOfRange(p: Product): boolean {
		const typed = readNumber(this.prices[p.id] ?? '');
		return typed !== null && this.typedPrice(p) === null;
	}

	/** 元 per kg the plan counts: her price where she gave one, otherwise the documented default. */
	readonly priceOf = (p: Product): number => {
		const typed = this.typedPrice(p);
		return typed === null ? defaultPricePerKg(p) : pricePerKg(typed, this.bagOf(p));
	};

	#candidates = $derived(
		resolveChoice([...this.#owned.map((p) => p.id), ...STARTERS], this.#choices.aliases).flatMap(
			(id) => this.products.filter((p) => p.id === id)
		)
	);

	#chosen = $derived(
		this.#picked
			? resolveChoice(this.#picked, this.#choices.aliases)
			: defaultChoice(this.#wanted(), this.#candidates, this.priceOf, this.#unit())
	);

	/** Ids of the products chosen. */
	get chosen(): string[] {
		return this.#chosen;
	}

	/** The farmer ticked or unticked a box: from now on the choice is hers. */
	set(id: string, on: boolean): void {
		const now = this.#chosen.filter((c) => c !== id);
		this.#picked = on ? [...now, id] : now;
	}

	readonly plan: PricedPlan = $derived(
		planChosen(
			this.#wanted(),
			this.products.filter((p) => this.#chosen.includes(p.id)),
			this.priceOf,
			this.#unit()
		)
	);

	/** For each nutrient the plan falls short of, the product not chosen that is richest in it. */
	get missing(): { nutrient: Nutrient; product: Product | null }[] {
		return this.plan.short.map((n) => ({
			nutrient: n,
			product: supplierFor(
				n,
				this.products.filter((p) => !this.#chosen.includes(p.id))
			)
		}));
	}

	/** Some product in the plan is priced by the default, not by what she pays. */
	get guessedPrices(): boolean {
		return this.plan.lines.some((l) => this.typedPrice(l.product) === null);
	}
}
