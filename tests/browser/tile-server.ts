import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local map tile server for tests: answers any /z/x/y.png with a real PNG (the app's icon) and CORS, and
 * remembers what was asked, so a test can tell whether a tile came from the network or the phone's cache.
 */
export async function startTileServer(): Promise<{
	template: string;
	requested: string[];
	close: () => Promise<void>;
}> {
	const png = readFileSync('static/icons/icon-192.png');
	const requested: string[] = [];
	const server = createServer((request, response) => {
		const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(request.url ?? '');
		if (!match) {
			response.writeHead(404).end();
			return;
		}
		requested.push(request.url!);
		response.writeHead(200, {
			'content-type': 'image/png',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=86400'
		});
		response.end(png);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
		requested,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
