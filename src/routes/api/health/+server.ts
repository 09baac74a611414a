import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import { getServerDb } from '$lib/server/db/instance';
import { checkHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const health = await checkHealth(getServerDb(), version);
	return json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
