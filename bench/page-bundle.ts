import { build } from 'esbuild';

/**
 * Bundles a benchmark's page-side script (the app's own modules, `$lib` resolved through tsconfig) into one
 * script for `page.addScriptTag`. Stylesheets the modules import are left out: a page that needs one adds
 * it with `page.addStyleTag`.
 */
export async function bundleForPage(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		write: false,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		tsconfig: 'tsconfig.json',
		loader: { '.css': 'empty' },
		define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
		logLevel: 'error'
	});
	return result.outputFiles[0]?.text ?? '';
}
