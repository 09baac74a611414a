import { untrack } from 'svelte';
import { logDraftOf, type LogDraft, type LogForm } from '$lib/domain/field-logs';
import {
	checkSaleMoney,
	completeSaleMoney,
	priceUnitFor,
	type PriceUnit,
	type SaleMoneyCheck
} from '$lib/domain/sale-money';

/**
 * A sale's money while the record form is filled in: the price box's unit follows how it was weighed while
 * the box is empty (sold by the 斤, priced by the 斤), what the price and amount make of each other, and the
 * question asked once save is pressed with the two disagreeing. Create while the form initialises.
 */
export class SaleMoneyDraft {
	readonly #form: () => LogForm;
	/** Save was pressed while price and amount disagreed. */
	asked = $state(false);
	/** She said the amount is right as written. */
	confirmed = $state(false);

	constructor(form: () => LogForm) {
		this.#form = form;
		$effect(() => {
			const f = this.#form();
			const price = f.details.price;
			const weighed = this.#unitOf('quantity');
			if (f.type === 'sale' && typeof price === 'object' && price.value === '')
				untrack(() => (price.unit = priceUnitFor(weighed)));
		});
	}

	#unitOf(key: string) {
		const box = this.#form().details[key];
		return typeof box === 'object' ? box.unit : undefined;
	}

	get priceUnit(): PriceUnit {
		return this.#unitOf('price') === 'yuanPerJin' ? 'yuanPerJin' : 'yuanPerKg';
	}

	/** What the typed price, amount and quantity make of each other (cheap: worked out on each read). */
	get check(): SaleMoneyCheck {
		const form = this.#form();
		return form.type === 'sale'
			? checkSaleMoney(logDraftOf($state.snapshot(form), 0).details, this.priceUnit)
			: { kind: 'none' };
	}

	/** The record as saved: a sale's missing price or amount worked out from the other. */
	complete(record: LogDraft): LogDraft {
		return record.type === 'sale'
			? { ...record, details: completeSaleMoney(record.details, this.priceUnit) }
			: record;
	}

	/** Whether save must wait for her answer (and the question is now shown). */
	mustAsk(): boolean {
		if (this.check.kind !== 'disagrees' || this.confirmed) return false;
		this.asked = true;
		return true;
	}
}
