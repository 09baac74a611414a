import { describe, expect, it } from 'vitest';
import type { Product } from './fertilizer';
import {
	inventoryMatch,
	plainName,
	productChoices,
	resolveChoice,
	type NamedProduct
} from './fertilizer-products';

const named = (
	id: string,
	name: string,
	names: string[],
	npk: [number, number, number]
): NamedProduct => ({
	id,
	name,
	names,
	npk,
	bagKg: 50
});
const commons = [
	named('common:urea', '尿素', ['尿素', 'Urea'], [46, 0, 0]),
	named('common:dap', '磷酸二铵', ['磷酸二铵', 'DAP (diammonium phosphate)'], [18, 46, 0]),
	named('common:npk15', '复合肥', ['复合肥', 'Compound'], [15, 15, 15])
];
const own = (id: string, name: string, npk: [number, number, number]): Product => ({
	id,
	name,
	npk,
	bagKg: 50
});

describe('the plan lists each product once', () => {
	it('leaves out a common product the farmer already has, and remembers which one stands for it', () => {
		const { products, aliases } = productChoices([own('inv-urea', '尿素', [46, 0, 0])], commons);
		expect(products.map((p) => p.id)).toEqual(['inv-urea', 'common:dap', 'common:npk15']);
		expect(aliases.get('common:urea')).toBe('inv-urea');
	});

	it('knows urea saved in Chinese while the screen is in English', () => {
		const english = commons.map((c) => ({ ...c, name: c.names[1]! }));
		const { products } = productChoices([own('inv-urea', '尿素', [46, 0, 0])], english);
		expect(products.map((p) => p.name)).toEqual(['尿素', 'DAP (diammonium phosphate)', 'Compound']);
	});

	it('lists one of two inventory items that are the same product (spaces and width aside)', () => {
		const { products, aliases } = productChoices(
			[own('a', '尿素', [46, 0, 0]), own('b', ' 尿 素', [46, 0, 0])],
			commons
		);
		expect(products.filter((p) => p.npk[0] === 46).map((p) => p.id)).toEqual(['a']);
		expect(aliases.get('b')).toBe('a');
	});

	it('keeps products that only share a grade or only a name', () => {
		const { products } = productChoices(
			[own('brand', '史丹利复合肥', [15, 15, 15]), own('odd', '尿素', [45, 0, 0])],
			commons
		);
		expect(products.map((p) => p.id)).toEqual([
			'brand',
			'odd',
			'common:urea',
			'common:dap',
			'common:npk15'
		]);
	});

	it('keeps a choice made before the product came into the inventory', () => {
		const aliases = new Map([['common:urea', 'inv-urea']]);
		expect(resolveChoice(['common:urea', 'common:dap', 'inv-urea'], aliases)).toEqual([
			'inv-urea',
			'common:dap'
		]);
	});

	it('writes names plainly', () => {
		expect(plainName(' ＵＲＥＡ  46 ')).toBe('urea46');
	});
});

describe('saving a plan finds the product already in the inventory', () => {
	const inventory = [
		{ id: 'gone', name: '尿素', npk: '46-0-0', deleted: true },
		{ id: 'x', name: '尿素', npk: '４６－０－０' },
		{ id: 'y', name: '磷酸二铵', npk: '' }
	];
	it('by grade and name, in any language it was saved in, never a deleted one', () => {
		expect(inventoryMatch(inventory, commons[0]!)?.id).toBe('x');
		expect(inventoryMatch([inventory[0]!], commons[0]!)).toBeNull();
	});
	it('not an item without a grade', () => {
		expect(inventoryMatch(inventory, commons[1]!)).toBeNull();
	});
});
