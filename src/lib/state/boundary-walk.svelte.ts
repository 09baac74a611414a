import { BoundaryWalk, DEFAULT_MAX_ACCURACY_M, type Fix } from '$lib/domain/geometry';

export type WalkProblem = 'denied' | 'unavailable' | 'no-gps';

/**
 * Walking a field's boundary with the phone's GPS: high-accuracy fixes from watchPosition, each kept as a
 * corner or dropped (worse than `maxAccuracy`) by the domain's BoundaryWalk. The geolocation API is passed
 * in so the rule is testable; the screen shows the live accuracy and the counts.
 */
export class BoundaryWalkState {
	#walk = $state.raw(new BoundaryWalk());
	#version = $state(0);
	#watching = $state(false);
	#problem = $state<WalkProblem | null>(null);
	#watchId: number | null = null;
	readonly #geolocation: Geolocation | undefined;

	constructor(
		geolocation: Geolocation | undefined = globalThis.navigator?.geolocation,
		readonly maxAccuracy = DEFAULT_MAX_ACCURACY_M
	) {
		this.#geolocation = geolocation;
	}

	get watching(): boolean {
		return this.#watching;
	}
	get problem(): WalkProblem | null {
		return this.#problem;
	}
	get corners() {
		void this.#version;
		return [...this.#walk.corners];
	}
	get dropped(): number {
		void this.#version;
		return this.#walk.dropped;
	}
	get last(): Fix | null {
		void this.#version;
		return this.#walk.last;
	}

	start(): void {
		this.stop();
		this.#walk = new BoundaryWalk(this.maxAccuracy);
		this.#version += 1;
		this.#problem = null;
		if (!this.#geolocation) {
			this.#problem = 'no-gps';
			return;
		}
		this.#watching = true;
		this.#watchId = this.#geolocation.watchPosition(
			(position) => {
				this.#walk.add({
					lng: position.coords.longitude,
					lat: position.coords.latitude,
					accuracy: position.coords.accuracy
				});
				this.#problem = null;
				this.#version += 1;
			},
			(error) => {
				// a weak signal for a moment does not end a walk: the watch goes on and the next fix counts
				if (error.code === error.PERMISSION_DENIED) {
					this.#problem = 'denied';
					this.stop();
				} else this.#problem = 'unavailable';
			},
			{ enableHighAccuracy: true, maximumAge: 0, timeout: 60_000 }
		);
	}

	/** Takes away the last corner (a fix in the wrong place). */
	undo(): void {
		this.#walk.corners.pop();
		this.#version += 1;
	}

	stop(): void {
		if (this.#watchId !== null) this.#geolocation?.clearWatch(this.#watchId);
		this.#watchId = null;
		this.#watching = false;
	}
}
