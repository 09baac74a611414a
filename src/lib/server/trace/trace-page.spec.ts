import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allLogs, batches, f1, f2, inputs, partA } from '../../../../tests/fixtures/trace-season';
import { traceChain } from '$lib/domain/trace';
import { renderTraceNotFound, renderTracePage, type PublicTraceView } from './trace-page';

const PAYLOADS = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'; DROP TABLE records; --",
	'<svg/onload=alert(1)>',
	'javascript:alert(1)'
];

const view = (over: Partial<PublicTraceView> = {}): PublicTraceView => ({
	code: partA.code,
	product: partA.product,
	quantityKg: partA.quantityKg,
	producer: '李家农场',
	origin: '五常市民乐乡',
	events: traceChain(partA, batches, allLogs, [f1, f2], inputs),
	photos: [{ src: '/t/HL26-0001A/photo/abc', alt: '收获' }],
	phiKept: false,
	...over
});

describe('the public trace page', () => {
	it('shows the batch, its origin and the whole timeline, with no script at all', () => {
		const html = renderTracePage(view(), 'zh-CN', '/t/HL260001A');
		expect(html).toContain('稻谷');
		expect(html).toContain('产地：五常市民乐乡');
		expect(html).toContain('有一次打药没过安全间隔期就收获了');
		expect(html.match(/<li>/g)?.length).toBe(view().events.length);
		expect(html).not.toMatch(/<script/i);
		expect(html).toContain('href="/t/HL260001A?lang=en"');
	});

	it('never shows what a sale was sold for', () => {
		for (const locale of ['zh-CN', 'en'] as const) {
			const html = renderTracePage(view(), locale, '/t/x');
			expect(html).not.toMatch(/3\.17|15,?850|元|yuan/);
		}
	});

	it('is light: HTML and CSS together well under 30 KB gzip for a whole season', () => {
		const html = renderTracePage(view(), 'zh-CN', '/t/x');
		expect(gzipSync(html).byteLength).toBeLessThan(30 * 1024);
	});

	it('shows script and HTML typed into names and notes as plain text', () => {
		for (const payload of PAYLOADS) {
			const events = view().events.map((e) => ({
				...e,
				fieldName: payload,
				target: payload,
				product: e.product ? { ...e.product, name: payload } : e.product
			}));
			const html = renderTracePage(
				view({ product: payload, producer: payload, origin: payload, events }),
				'en',
				'/t/x'
			);
			const asText = payload
				.replaceAll('&', '&amp;')
				.replaceAll('<', '&lt;')
				.replaceAll('>', '&gt;')
				.replaceAll('"', '&quot;')
				.replaceAll("'", '&#39;');
			expect(html).toContain(asText);
			if (payload !== asText) expect(html).not.toContain(payload);
			expect(html).not.toMatch(/<(script|img src=x|svg)/i);
		}
	});

	it('speaks English when asked, and says the same for an unknown code as for an unpublished one', () => {
		expect(renderTracePage(view(), 'en', '/t/x')).toContain('From sowing to harvest');
		const missing = renderTraceNotFound('<b>NOPE</b>', 'zh-CN', '/t/x');
		expect(missing).toContain('没找到这个追溯码');
		expect(missing).not.toContain('<b>NOPE');
	});
});
