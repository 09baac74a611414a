import type { LocalData } from '$lib/data/local-data';

/**
 * Keeps a form's draft on the device on every change (LocalData.drafts), and offers it back after a reload
 * or a crash. Create while the form initialises; `watch` returns the current form value (read reactively).
 */
export class FormDraft<T> {
	#offered = $state<{ value: T; savedAt: number } | null>(null);
	#checked = false;
	#keeping = $state(false);

	constructor(
		readonly key: string,
		data: () => LocalData | null,
		watch: () => T,
		isEmpty: (value: T) => boolean
	) {
		$effect(() => {
			const local = data();
			if (!local) return;
			if (this.#checked) return;
			this.#checked = true;
			void local.drafts.get<T>(this.key).then((draft) => {
				if (draft && !isEmpty(draft.value)) this.#offered = draft;
				else this.#keeping = true;
			});
		});
		$effect(() => {
			const value = watch();
			const local = data();
			// nothing is written until an earlier draft has been taken or dropped
			if (!local || !this.#keeping || this.#offered) return;
			if (isEmpty(value)) void local.drafts.discard(this.key);
			else void local.drafts.save(this.key, value);
		});
	}

	/** An earlier, unsaved draft, until the user takes it or drops it. */
	get offered(): { value: T; savedAt: number } | null {
		return this.#offered;
	}

	/** The user takes the earlier draft (the form fills itself from the returned value). */
	take(): T | null {
		const value = this.#offered?.value ?? null;
		this.#offered = null;
		this.#keeping = true;
		return value;
	}

	drop(data: LocalData | null): void {
		this.#offered = null;
		this.#keeping = true;
		void data?.drafts.discard(this.key);
	}

	/** The record was saved: the draft is no longer needed. */
	async done(data: LocalData): Promise<void> {
		this.#keeping = false;
		await data.drafts.discard(this.key);
	}
}
