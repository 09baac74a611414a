import type { LogForm } from '$lib/domain/field-logs';
import type { InputRecord, LogRecord } from '$lib/domain/records';
import { draftProblems, productsById, type SprayProblem } from '$lib/domain/spray-safety';
import { fromLocalInput } from '$lib/domain/units';
import type { AppState } from '$lib/state/app.svelte';
import { Live } from '$lib/state/live.svelte';

/**
 * What a harvest or spraying record being written would break (spray-safety.ts draftProblems), worked out
 * while it is filled in, so the warning is there before the farmer saves. Create while a component initialises.
 */
export class SprayDraftCheck {
	readonly #form: () => LogForm;
	readonly #logId: () => string | null;
	readonly #logs: Live<LogRecord[]>;
	readonly #products: Live<InputRecord[]>;

	constructor(app: AppState, form: () => LogForm, logId: () => string | null) {
		this.#form = form;
		this.#logId = logId;
		this.#logs = new Live(() => {
			const { type, fieldId } = form();
			if (!fieldId || (type !== 'harvest' && type !== 'spraying')) return null;
			return app.data?.watch((d) => d.farm.sprayLogs(fieldId));
		}, []);
		this.#products = new Live(() => app.data?.watch((d) => d.farm.sprayProducts()), []);
	}

	readonly #problems = $derived.by(() => this.#check());

	get problems(): SprayProblem[] {
		return this.#problems;
	}

	#check(): SprayProblem[] {
		const form = this.#form();
		if (form.type !== 'harvest' && form.type !== 'spraying') return [];
		const product = form.details.product;
		return draftProblems(
			{
				id: this.#logId() ?? 'new-record',
				type: form.type,
				fieldId: form.fieldId || null,
				status: form.status,
				at: fromLocalInput(form.when),
				details: typeof product === 'string' ? { product } : {}
			},
			this.#logs.current,
			productsById(this.#products.current)
		);
	}

	productName(id: string): string | null {
		return this.#products.current.find((p) => p.id === id)?.name ?? null;
	}
}
