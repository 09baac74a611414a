import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			'.test-builds/',
			'.test-output/',
			'static/ocr/',
			'static/lessons/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					allowDefaultProject: ['src/service-worker.ts', 'static/verify-print.js']
				},
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			// async sync code: a forgotten promise is a lost write
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/paraglide/*'],
							importNames: ['default'],
							message: 'Import named message functions.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// the data layer (Dexie, ~30 KB gzip) loads after the first paint: UI code may import its types only
		files: ['src/routes/**', 'src/lib/components/**', 'src/lib/state/**'],
		ignores: ['**/*.spec.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'dexie',
								'$lib/data/*',
								'!$lib/data/device-storage',
								'$lib/sync',
								'$lib/sync/*',
								'$lib/map/*'
							],
							allowTypeImports: true,
							message:
								'Load the data layer (AppState.start) and the map (FieldMapView) lazily; import only types here.'
						}
					]
				}
			]
		}
	},
	{
		// the domain layer is pure: no framework, storage, browser or network
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'$app/*',
								'dexie',
								'$lib/data/*',
								'$lib/state/*',
								'$lib/server/*'
							],
							message: 'src/lib/domain stays pure TypeScript.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				'window',
				'document',
				'fetch',
				'localStorage',
				'indexedDB',
				'navigator'
			]
		}
	},
	{
		files: ['*.config.js', '*.config.ts'],
		...ts.configs.disableTypeChecked
	}
);
