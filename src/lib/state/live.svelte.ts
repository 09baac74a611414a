import { liveQuery } from 'dexie';

/**
 * A Dexie query kept up to date as the database changes (in this tab or another).
 * `source` gives the query, or null while there is no database; it is tracked, so the subscription starts
 * when the database opens. Create it while a component initialises: it unsubscribes with the component.
 */
export class Live<T> {
	#current = $state<T>() as T;
	#failed = $state(false);

	constructor(source: () => (() => Promise<T>) | null, initial: T) {
		this.#current = initial;
		$effect(() => {
			const query = source();
			if (!query) return;
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.#current = value;
					this.#failed = false;
				},
				error: () => (this.#failed = true)
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): T {
		return this.#current;
	}

	get failed(): boolean {
		return this.#failed;
	}
}
