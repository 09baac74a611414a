import type { Page } from '@playwright/test';
import { enterElderMode, expect, seriousViolations, test } from './fixtures';

const shellPages = [
	'/',
	'/learn',
	'/learn/soil-testing',
	'/learn/record',
	'/learn/assessment',
	'/fields',
	'/fields/0193f0c2-7a1b-7000-8000-000000000001',
	'/fields/new',
	'/records',
	'/records/new',
	'/records/plan',
	'/inputs',
	'/inputs/new',
	'/batches',
	'/batches/0193f0c2-7a1b-7000-8000-000000000009',
	'/tools',
	// with a soil test filled in, so the results, the product plan, its bars and the split are checked too
	'/tools/fertilizer?yield=600&soilN=160&soilP=20&soilK=150',
	'/tools/yield',
	'/tools/convert',
	'/tools/spray',
	'/tools/scan',
	'/tools/seedling',
	// with a batch linked in, so the filled title and the listing text are checked too
	'/tools/listing?product=大米&origin=五常市民乐乡&code=HT-2025-0001&kg=500',
	'/me',
	// signed out here: what they say then (signed in, groups.spec.ts checks them filled)
	'/groups',
	'/agent',
	'/agent/0193f0c2-7a1b-7000-8000-000000000003',
	'/admin',
	'/settings',
	'/no-such-page'
];

async function openAndSettle(page: Page, path: string) {
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

for (const mode of ['normal', 'elder', 'high contrast'] as const) {
	test(`no serious accessibility problem on any shell page (${mode} mode)`, async ({ page }) => {
		// a walk of every screen, each analysed by axe (a second or two each on a busy machine)
		test.setTimeout(shellPages.length * 6_000);
		if (mode === 'elder') await enterElderMode(page);
		if (mode === 'high contrast') {
			await page.goto('/settings');
			await page.getByRole('checkbox', { name: '高对比度' }).check();
			await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
		}
		for (const path of shellPages) {
			await openAndSettle(page, path);
			expect(await seriousViolations(page), path).toEqual([]);
		}
	});
}

test('elder mode: main text is at least 18 px and main controls at least 60 × 60 px', async ({
	page
}) => {
	await enterElderMode(page);
	for (const path of shellPages) {
		await openAndSettle(page, path);
		const measured = await page.evaluate(() => {
			const visible = (el: Element) => {
				const r = el.getBoundingClientRect();
				return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
			};
			const text = [...document.querySelectorAll('main p, main li, main label, nav a')]
				.filter(visible)
				.map((el) => ({
					what: el.textContent?.trim().slice(0, 20) ?? '',
					px: parseFloat(getComputedStyle(el).fontSize)
				}));
			const controls = [
				...document.querySelectorAll(
					'main button, main a.button, main .tile, nav a, header a, main label:has(input)'
				)
			]
				.filter(visible)
				.map((el) => {
					const r = el.getBoundingClientRect();
					return { what: el.textContent?.trim().slice(0, 20) ?? '', w: r.width, h: r.height };
				});
			return { text, controls };
		});
		expect(measured.text.length, path).toBeGreaterThan(0);
		expect(measured.controls.length, path).toBeGreaterThan(0);
		expect(
			measured.text.filter((t) => t.px < 18),
			path
		).toEqual([]);
		expect(
			measured.controls.filter((c) => c.w < 60 || c.h < 60),
			path
		).toEqual([]);
	}
});

test('elder mode is reachable from settings too, and stays on after a reload', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('checkbox', { name: /长辈版/ }).check();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
	await expect(page.locator('html')).toHaveCSS('font-size', '20px');
	await page.goto('/');
	await expect(page.getByRole('link', { name: '地块' }).first()).toBeVisible();
	await expect(page.locator('.tile')).toHaveCount(4);
});
