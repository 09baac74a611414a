/**
 * Login rate limiting: after MAX_FAILURES wrong passwords for one login within WINDOW_MS, that login is locked
 * for LOCK_MS (answered 429 with Retry-After, and the app says so in plain words); one address that keeps
 * failing across many logins is locked the same way after MAX_ADDRESS_FAILURES. A right password clears the
 * login's count. Kept in this process's memory: Heitu runs as one server process (adapter-node); a restart
 * forgets the counts, which only ever lets a farmer in sooner. Old entries are dropped as they expire.
 */
export const MAX_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 30;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

interface Entry {
	failures: number[];
	lockedUntil: number;
}

export class LoginThrottle {
	readonly #entries = new Map<string, Entry>();
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Milliseconds until these keys may try again; 0 when they may now. */
	waitFor(keys: readonly string[]): number {
		const now = this.#now();
		let wait = 0;
		for (const key of keys) {
			const entry = this.#entries.get(key);
			if (entry && entry.lockedUntil > now) wait = Math.max(wait, entry.lockedUntil - now);
		}
		return wait;
	}

	/** A wrong password: counts against the login and the address. */
	failed(login: string, address: string): void {
		this.#count(`login:${login}`, MAX_FAILURES);
		this.#count(`address:${address}`, MAX_ADDRESS_FAILURES);
		this.#prune();
	}

	/** A right password: the login's count starts again (the address's does not). */
	succeeded(login: string): void {
		this.#entries.delete(`login:${login}`);
	}

	static keys(login: string, address: string): string[] {
		return [`login:${login}`, `address:${address}`];
	}

	#count(key: string, max: number): void {
		const now = this.#now();
		const entry = this.#entries.get(key) ?? { failures: [], lockedUntil: 0 };
		entry.failures = [...entry.failures.filter((t) => t > now - WINDOW_MS), now];
		if (entry.failures.length >= max) {
			entry.lockedUntil = now + LOCK_MS;
			entry.failures = [];
		}
		this.#entries.set(key, entry);
	}

	#prune(): void {
		if (this.#entries.size < 10_000) return;
		const now = this.#now();
		for (const [key, entry] of this.#entries)
			if (entry.lockedUntil <= now && entry.failures.every((t) => t <= now - WINDOW_MS))
				this.#entries.delete(key);
	}
}
