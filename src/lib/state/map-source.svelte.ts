import { OSM_TILES, readTileConfig, type TileConfig } from '$lib/domain/tiles';

const SERVER_KEY = 'heitu:tiles-server';
const OWN_KEY = 'heitu:tiles-own';

/**
 * The map's tile source: the user's own choice (settings) if any, else the deployment's (from
 * /api/map-config, remembered for offline use), else OpenStreetMap. Storage and fetch are passed in.
 */
export class MapSourceState {
	#server = $state<TileConfig>(OSM_TILES);
	#own = $state<TileConfig | null>(null);
	readonly #storage: Storage | undefined;
	readonly #fetch: typeof fetch;

	constructor(
		storage: Storage | undefined = globalThis.localStorage,
		fetcher: typeof fetch = (input, init) => fetch(input, init)
	) {
		this.#storage = storage;
		this.#fetch = fetcher;
		this.#server = readTileConfig(this.#read(SERVER_KEY));
		const own = this.#read(OWN_KEY);
		this.#own = own ? readTileConfig(own, { ...OSM_TILES, url: '' }) : null;
	}

	get tiles(): TileConfig {
		return this.#own ?? this.#server;
	}

	get own(): TileConfig | null {
		return this.#own;
	}

	/** Asks the server for its tile source (when there is signal); keeps the last answer. */
	async refresh(): Promise<void> {
		try {
			const response = await this.#fetch('/api/map-config', {
				signal: AbortSignal.timeout(10_000)
			});
			if (!response.ok) return;
			this.#server = readTileConfig(await response.json());
			this.#write(SERVER_KEY, this.#server);
		} catch {
			// offline: the remembered source stays
		}
	}

	/** The user's own tile template (empty string: no tiles, grid only); null goes back to the default. */
	setOwn(url: string | null, attribution = ''): void {
		this.#own = url === null ? null : { url, attribution, maxZoom: 19, bulkDownload: false };
		if (this.#own) this.#write(OWN_KEY, this.#own);
		else this.#storage?.removeItem(OWN_KEY);
	}

	#read(key: string): unknown {
		try {
			const raw = this.#storage?.getItem(key);
			return raw ? (JSON.parse(raw) as unknown) : null;
		} catch {
			return null;
		}
	}

	#write(key: string, value: unknown): void {
		try {
			this.#storage?.setItem(key, JSON.stringify(value));
		} catch {
			// storage full or blocked: the choice lasts this session
		}
	}
}
