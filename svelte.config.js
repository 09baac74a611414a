import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The app version shown in settings and /api/health: package version plus the commit when there is one.
function appVersion() {
	try {
		const sha = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
			.toString()
			.trim();
		return `${pkg.version}+${sha}`;
	} catch {
		return pkg.version;
	}
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// The service worker serves one cached shell for every route, so asset URLs must not be relative.
		paths: { relative: false },
		serviceWorker: { register: false },
		version: { name: appVersion() },
		// Cross-site requests are refused in hooks.server.ts for every state-changing method, by Origin and
		// Sec-Fetch-Site, with a JSON reason; SvelteKit's own form check would answer some of them in plain text first.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				// map tiles come from a configurable server (OSM by default, or the deployment's own)
				'img-src': ['self', 'data:', 'blob:', 'https:', 'http:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
