export type Connection = 'online' | 'offline' | 'server-unreachable';

/** Where `online` and `offline` events come from (the window). */
export interface NetworkEvents {
	addEventListener(type: 'online' | 'offline', listener: () => void): void;
	removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface ConnectivityDeps {
	target: NetworkEvents;
	isOnline: () => boolean;
	fetch: typeof fetch;
	/** How often to look again while the server is not answering. */
	retryMs: number;
}

function defaultDeps(): ConnectivityDeps {
	return {
		target: window,
		isOnline: () => navigator.onLine,
		fetch: (input, init) => fetch(input, init),
		retryMs: 60_000
	};
}

/**
 * Whether the phone has a network and whether our server answers on it. `navigator.onLine` alone says
 * "online" on a 2G link that reaches nothing, so a cheap health check decides.
 */
export class ConnectivityState {
	#online = $state(true);
	#serverReachable = $state<boolean | null>(null);
	readonly #deps: ConnectivityDeps;

	constructor(deps: ConnectivityDeps = defaultDeps()) {
		this.#deps = deps;
		this.#online = deps.isOnline();
	}

	get connection(): Connection {
		if (!this.#online) return 'offline';
		return this.#serverReachable === false ? 'server-unreachable' : 'online';
	}

	async check(): Promise<boolean> {
		this.#online = this.#deps.isOnline();
		if (!this.#online) return false;
		try {
			const response = await this.#deps.fetch('/api/health', {
				cache: 'no-store',
				signal: AbortSignal.timeout(8_000)
			});
			this.#serverReachable = response.ok;
		} catch {
			this.#serverReachable = false;
		}
		return this.#serverReachable;
	}

	/** Starts listening; returns the function that stops it. */
	start(): () => void {
		const { target } = this.#deps;
		const onOnline = () => void this.check();
		const onOffline = () => (this.#online = false);
		target.addEventListener('online', onOnline);
		target.addEventListener('offline', onOffline);
		const timer = setInterval(() => {
			if (this.connection !== 'online') void this.check();
		}, this.#deps.retryMs);
		void this.check();
		return () => {
			target.removeEventListener('online', onOnline);
			target.removeEventListener('offline', onOffline);
			clearInterval(timer);
		};
	}
}
