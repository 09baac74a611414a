import type { Handle, ServerInit } from '@sveltejs/kit';
import { building, version } from '$app/environment';
import { env } from '$env/dynamic/private';
import { createServerDb, migrateToLatest } from '$lib/server/db/database';
import { setServerDb, getServerDb } from '$lib/server/db/instance';
import { log } from '$lib/server/log';

export const init: ServerInit = async () => {
	if (building) return;
	const server = createServerDb({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
	const applied = await migrateToLatest(server.db);
	setServerDb(server);
	log.info('database ready', { kind: server.kind, location: server.location, applied, version });
	// adapter-node emits this after it stops taking requests on SIGTERM/SIGINT
	process.once('sveltekit:shutdown', (reason: string) => {
		log.info('shutting down', { reason });
		void getServerDb()
			?.db.destroy()
			.then(() => log.info('database closed'));
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	log.info('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};
