import { services } from '$lib/server/services';
import { esc as escape } from '$lib/server/html';
import type { RequestHandler } from './$types';

const TRACK_NAMES: Record<string, [string, string]> = {
	fertilization: ['科学施肥', 'Fertilization'],
	monitoring: ['苗情监测', 'Crop monitoring'],
	ecommerce: ['网上销售', 'Selling online'],
	safety: ['数字安全', 'Digital safety']
};

const date = (ms: number, locale: string) =>
	new Intl.DateTimeFormat(locale, {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: 'long',
		day: 'numeric'
	}).format(ms);

function page(title: string, body: string, status: number): Response {
	return new Response(
		`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml"><title>${escape(title)}</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1c1b18;line-height:1.6;font-size:18px}
.cert{border:6px double #1b5e20;padding:1.5rem;border-radius:12px}h1{font-size:1.6rem;margin:0 0 .5rem}.code{font-family:monospace;font-size:1.2rem;letter-spacing:.1em}
.ok{color:#1b5e20;font-weight:700}.no{color:#8a1c00;font-weight:700}button{font:inherit;min-height:48px;padding:0 1rem;margin-top:1rem}@media print{button{display:none}.cert{border-color:#000}}</style></head>
<body>${body}</body></html>`,
		{
			status,
			headers: {
				'content-type': 'text/html; charset=utf-8',
				'cache-control': 'no-store',
				// as strict as the trace page's: its own styles, its icon, and one script file of ours (the print button)
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
			}
		}
	);
}

/** The certificate behind a code, for anyone to check (and to print): no account needed. */
export const GET: RequestHandler = async ({ params }) => {
	const certificate = await services().certificates.verify(params.code);
	if (!certificate) {
		return page(
			'证书核验 · Certificate check',
			`<p class="no">没有这个证书编号。请核对编号是否抄对。</p><p class="no" lang="en">There is no certificate with this code. Check that it was copied correctly.</p><p class="code">${escape(params.code)}</p>`,
			404
		);
	}
	const [zh, en] = TRACK_NAMES[certificate.track] ?? [certificate.track, certificate.track];
	const lessons = certificate.lessons
		.map(
			(l) => `<li>${escape(l.title['zh-CN'])} <span lang="en">(${escape(l.title.en)})</span></li>`
		)
		.join('');
	return page(
		`${certificate.holder} · ${zh}结业证书`,
		`<div class="cert" data-testid="certificate">
<p class="ok">✔ 真实有效的证书 <span lang="en">· A genuine certificate</span></p>
<h1>${escape(zh)}结业证书 <span lang="en">· ${escape(en)} certificate</span></h1>
<p><strong>${escape(certificate.holder)}</strong> 学完并掌握了黑土田间助手“${escape(zh)}”的全部课程，获得 ${certificate.credits} 学分。</p>
<p lang="en">${escape(certificate.holder)} has completed and mastered every lesson of the Heitu “${escape(en)}” track, earning ${certificate.credits} ${new Intl.PluralRules('en').select(certificate.credits) === 'one' ? 'credit' : 'credits'}.</p>
<ol>${lessons}</ol>
<p>颁发日期 <span lang="en">Issued</span>：${date(certificate.issuedAt, 'zh-CN')} · ${date(certificate.issuedAt, 'en')}</p>
<p>证书编号 <span lang="en">Code</span>：<span class="code">${escape(certificate.code)}</span></p>
<p>核验网址 <span lang="en">Check at</span>：/verify/${escape(certificate.code)}</p>
</div><button type="button" data-print>打印 · Print</button><script src="/verify-print.js" defer></script>`,
		200
	);
};
