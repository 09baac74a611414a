/**
 * Hybrid logical clock (Kulkarni et al. 2014): wall-clock milliseconds, a counter for events in the same
 * millisecond, and the node id as the tie-break. Stamps compare as strings in causal order, so two replicas
 * agree on the last writer even when one device's clock is a day off.
 */
export interface Hlc {
	readonly wall: number;
	readonly counter: number;
	readonly node: string;
}

const WALL_DIGITS = 15; // milliseconds until the year 33658
const COUNTER_DIGITS = 5;
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** How far ahead of our own clock a remote stamp may be before we refuse it (a broken device clock). */
export const MAX_DRIFT_MS = 7 * 24 * 60 * 60 * 1000;

export function hlcToString(h: Hlc): string {
	return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

export function hlcFromString(s: string): Hlc {
	const match = /^(\d{15})-(\d{5})-(.+)$/.exec(s);
	if (!match) throw new Error(`Not a clock stamp: ${s}`);
	return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] ?? '' };
}

export function compareHlc(a: Hlc, b: Hlc): number {
	if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
	if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
	return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A clock for one replica. The time source is injected so every rule runs in a unit test. */
export class HybridClock {
	#last: Hlc;
	readonly #now: () => number;

	constructor(node: string, now: () => number = Date.now, last?: Hlc) {
		this.#now = now;
		this.#last = last ?? { wall: 0, counter: 0, node };
		this.#last = { ...this.#last, node };
	}

	get last(): Hlc {
		return this.#last;
	}

	/** A stamp for a local change: later than every stamp this replica has made or seen. */
	tick(): Hlc {
		const physical = this.#now();
		const wall = Math.max(physical, this.#last.wall);
		const counter = wall === this.#last.wall ? this.#last.counter + 1 : 0;
		if (counter > MAX_COUNTER) throw new Error('Clock counter overflow');
		this.#last = { wall, counter, node: this.#last.node };
		return this.#last;
	}

	/** Take in a stamp from another replica so our next stamp sorts after it. */
	receive(remote: Hlc): Hlc {
		const physical = this.#now();
		if (remote.wall - physical > MAX_DRIFT_MS) {
			throw new Error('Remote clock is too far ahead');
		}
		const wall = Math.max(physical, this.#last.wall, remote.wall);
		let counter: number;
		if (wall === this.#last.wall && wall === remote.wall) {
			counter = Math.max(this.#last.counter, remote.counter) + 1;
		} else if (wall === this.#last.wall) {
			counter = this.#last.counter + 1;
		} else if (wall === remote.wall) {
			counter = remote.counter + 1;
		} else {
			counter = 0;
		}
		if (counter > MAX_COUNTER) throw new Error('Clock counter overflow');
		this.#last = { wall, counter, node: this.#last.node };
		return this.#last;
	}
}
