import type { ServerDb } from './database';

/** The one database handle of this server process, set once at start-up by hooks.server.ts `init`. */
let current: ServerDb | null = null;

export function setServerDb(server: ServerDb): void {
	current = server;
}

export function getServerDb(): ServerDb | null {
	return current;
}
