import type { Subscribable } from '$lib/data/local-data';

/**
 * A live value for a screen: `source` gives something to subscribe to (a Dexie live query), or null while
 * the local database is not open yet. It is tracked, so the subscription starts when the database opens.
 * Create it while a component initialises: it unsubscribes with the component.
 */
export class Live<T> {
	#current = $state<T>() as T;
	#loaded = $state(false);

	constructor(source: () => Subscribable<T> | null | undefined, initial: T) {
		this.#current = initial;
		$effect(() => {
			const observable = source();
			if (!observable) return;
			const subscription = observable.subscribe({
				next: (value) => {
					this.#current = value;
					this.#loaded = true;
				},
				error: () => (this.#loaded = true)
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): T {
		return this.#current;
	}

	/** False until the first answer from the database. */
	get loaded(): boolean {
		return this.#loaded;
	}
}
