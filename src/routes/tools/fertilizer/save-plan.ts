import type { LocalData } from '$lib/data/local-data';
import { cleanInput } from '$lib/domain/farm-inputs';
import type { LogDraft } from '$lib/domain/field-logs';
import { inventoryMatch, type NamedProduct } from '$lib/domain/fertilizer-products';

/**
 * Saves the plan's records in one transaction. A common product a record names (`common:urea`) becomes an
 * inventory item first, unless the inventory already holds it (same grade and name, read inside the
 * transaction, so a plan saved twice, or two quick taps, never put urea in twice).
 */
export async function savePlanRecords(
	data: LocalData,
	drafts: readonly LogDraft[],
	commons: readonly NamedProduct[]
): Promise<void> {
	const db = data.db;
	await db.transaction('rw', [db.inputs, db.logs, db.outbox, db.meta], async () => {
		const inventory = await db.inputs.where('kind').equals('fertilizer').toArray();
		const ids = new Map<string, string>();
		for (const d of drafts) {
			const id = d.details.product as string;
			if (!id.startsWith('common:') || ids.has(id)) continue;
			const product = commons.find((c) => c.id === id);
			if (!product) continue;
			const item =
				inventoryMatch(inventory, product) ??
				(await data.inputsRepo.create(
					cleanInput({
						kind: 'fertilizer',
						name: product.name,
						registrationNo: '',
						npk: product.npk.join('-'),
						activeIngredient: '',
						preHarvestDays: null,
						maxApplications: null,
						notes: ''
					})
				));
			ids.set(id, item.id);
		}
		await data.logsRepo.createMany(
			drafts.map((d) => {
				const id = d.details.product as string;
				return { ...d, details: { ...d.details, product: ids.get(id) ?? id } };
			})
		);
	});
}
