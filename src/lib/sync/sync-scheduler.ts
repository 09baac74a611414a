/**
 * When to sync: at start, when the network comes back, when the app is shown again, when a change is made,
 * on a timer, and when the user asks. Failures back off exponentially, 5 s up to 5 min (the schedule is data,
 * so it can be changed and tested); a success resets it. One run at a time: a trigger during a run asks for
 * one more run after it.
 */
export const BACKOFF_MS = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000];
/** With nothing failing, look for other devices' changes this often. */
export const IDLE_MS = 300_000;

export interface SchedulerDeps {
	setTimeout: (fn: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
}

const defaultDeps: SchedulerDeps = {
	setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class SyncScheduler {
	readonly #run: () => Promise<boolean>;
	readonly #deps: SchedulerDeps;
	readonly #backoff: number[];
	#failures = 0;
	#timer: unknown = null;
	#running: Promise<void> | null = null;
	#again = false;
	#stopped = false;

	constructor(
		run: () => Promise<boolean>,
		deps: SchedulerDeps = defaultDeps,
		backoff = BACKOFF_MS
	) {
		this.#run = run;
		this.#deps = deps;
		this.#backoff = backoff;
	}

	/** The wait before the next automatic run. */
	get nextDelay(): number {
		if (this.#failures === 0) return IDLE_MS;
		return this.#backoff[Math.min(this.#failures - 1, this.#backoff.length - 1)] ?? IDLE_MS;
	}

	/** Runs now (or right after the current run) and returns when that run is over. */
	trigger(): Promise<void> {
		if (this.#stopped) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#cancelTimer();
		this.#running = this.#loop().finally(() => {
			this.#running = null;
			this.#schedule();
		});
		return this.#running;
	}

	stop(): void {
		this.#stopped = true;
		this.#cancelTimer();
	}

	async #loop(): Promise<void> {
		do {
			this.#again = false;
			const ok = await this.#run().catch(() => false);
			this.#failures = ok ? 0 : this.#failures + 1;
		} while (this.#again && !this.#stopped);
	}

	#schedule(): void {
		if (this.#stopped) return;
		this.#cancelTimer();
		this.#timer = this.#deps.setTimeout(() => void this.trigger(), this.nextDelay);
	}

	#cancelTimer(): void {
		if (this.#timer !== null) this.#deps.clearTimeout(this.#timer);
		this.#timer = null;
	}
}
