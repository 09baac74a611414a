/**
 * Which fertilizer is which: the same product is never listed twice in the plan, and a plan saved twice
 * never puts urea in the inventory twice. Two products are the same when their nutrient grade (N-P2O5-K2O)
 * is the same and their names are the same written plainly (spaces, width and case aside); a common
 * product (urea, DAP…) goes by its name in every language, as the inventory keeps the name it was saved
 * under.
 */
import type { Product } from './fertilizer';
import { parseNpk } from './farm-inputs';

/** A name as people type it: full-width letters made plain, spaces gone, lower case. */
export function plainName(name: string): string {
	return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const grade = (npk: readonly number[]) => npk.join('-');

/** A common product with its name in every language (its `name` is the one shown). */
export interface NamedProduct extends Product {
	names: readonly string[];
}

function sameProduct(a: Product, b: Product | NamedProduct): boolean {
	if (grade(a.npk) !== grade(b.npk)) return false;
	const names = 'names' in b ? [b.name, ...b.names] : [b.name];
	return names.some((n) => plainName(n) === plainName(a.name));
}

/**
 * The products the plan offers, each once: the farmer's own first (a second inventory item of the same
 * product is left out), then the common ones she does not already have. `aliases` maps the id of a product
 * left out to the one listed in its place, so a choice made before (e.g. common urea, now in the inventory)
 * still holds.
 */
export function productChoices(
	owned: readonly Product[],
	commons: readonly NamedProduct[]
): { products: Product[]; aliases: Map<string, string> } {
	const products: Product[] = [];
	const aliases = new Map<string, string>();
	for (const p of [...owned, ...commons]) {
		const same = products.find((q) => sameProduct(q, p) || sameProduct(p, q));
		if (same) aliases.set(p.id, same.id);
		else products.push(p);
	}
	return { products, aliases };
}

/** Chosen ids with those left out replaced by the product listed in their place, each once. */
export function resolveChoice(
	ids: readonly string[],
	aliases: ReadonlyMap<string, string>
): string[] {
	return [...new Set(ids.map((id) => aliases.get(id) ?? id))];
}

/** The inventory item that is this product (same grade and name), if the farmer already has it. */
export function inventoryMatch<
	I extends { id: string; name: string; npk: string; deleted?: boolean }
>(inventory: readonly I[], product: NamedProduct): I | null {
	for (const item of inventory) {
		if (item.deleted) continue;
		const npk = parseNpk(item.npk);
		if (npk && sameProduct({ id: item.id, name: item.name, npk, bagKg: 0 }, product)) return item;
	}
	return null;
}
