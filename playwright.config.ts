import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/browser/chromium';

// Runs against the production build (`npm run build`); each test file starts its own `node build`.
// With TEST_DATABASE_URL (CI), the sync, groups, permission, security, API fuzz and chaos tests run on PostgreSQL as well as SQLite.
export default defineConfig<object, { database: 'sqlite' | 'postgres' }>({
	projects: [
		{ name: 'sqlite' },
		...(process.env.TEST_DATABASE_URL
			? [
					{
						name: 'postgres',
						testMatch:
							/(sync(-api|-engine)?|groups|permissions|security(-[a-z]+)?|fuzz-(api|records)|chaos|record-rules)\.spec\.ts$/,
						use: { database: 'postgres' as const }
					}
				]
			: [])
	],
	testDir: 'tests/browser',
	testMatch: '**/*.spec.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: true,
	retries: 0,
	workers: 2,
	reporter: [['list'], ['json', { outputFile: '.test-output/browser.json' }]],
	outputDir: 'test-results',
	use: {
		...devices['Pixel 5'],
		browserName: 'chromium',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	}
});
