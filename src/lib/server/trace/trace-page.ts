/**
 * The public trace page /t/<code>: server-rendered HTML and CSS only (no script at all, so it is fast on a
 * cheap phone and nothing typed by a farmer can run), in Chinese with a link to English. It shows only what the
 * farmer chose to publish (a PublicTraceView built from the batch's trace chain, domain/trace.ts): the field's
 * place only when chosen, and then rounded to about a village; no phone number, no buyer, no notes.
 * Every piece of text from records goes through `esc`.
 */
import { UNITS } from '$lib/domain/field-logs';
import { esc } from '../html';
import type { TraceEvent } from '$lib/domain/trace';
import { formatTraceCode, isTraceCode } from '$lib/domain/trace-code';
import { m } from '$lib/paraglide/messages.js';

export type TraceLocale = 'zh-CN' | 'en';

export interface PublicTraceView {
	code: string;
	product: string;
	quantityKg: number;
	/** The name the farmer publishes (a farm or family name), or null. */
	producer: string | null;
	/** Village or township, as the farmer wrote it; null when not published. */
	origin: string | null;
	/** Events in order (domain/trace.ts traceChain), already stripped to what may be shown. */
	events: TraceEvent[];
	/** Published photos: URLs under this page, with what they show. */
	photos: { src: string; alt: string; hash?: string }[];
	/** Whether every spray's pre-harvest interval was kept (null: unknown or no sprays). */
	phiKept: boolean | null;
}

/** A code as the label prints it (domain/trace-code.ts: K7QM-2XR-P4P); anything else as it came. */
export function groupCode(code: string): string {
	return isTraceCode(code) ? formatTraceCode(code) : code;
}

const CSS = `body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;margin:0;color:#1c1b18;background:#f7f5ef;font-size:18px;line-height:1.6}
main{max-width:40rem;margin:0 auto;padding:1rem}header{background:#3e2723;color:#fff;padding:.8rem 1rem}header a{color:#fff}
.card{background:#fff;border:1px solid #8a8578;border-radius:12px;padding:1rem;margin:0 0 1rem}h1{font-size:1.5rem;margin:.2rem 0}
.code{font-family:monospace;font-size:1.3rem;letter-spacing:.08em}.ok{color:#1b5e20;font-weight:700}.no{color:#8a1c00;font-weight:700}
ol{list-style:none;padding:0;margin:0}ol li{border-left:4px solid #1b5e20;padding:.2rem 0 .6rem .8rem;margin-left:.3rem}
.day{color:#4a4740;font-size:.9rem}.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.photos img{width:100%;border-radius:8px}.lang{float:right}a{color:#0b57d0;min-height:48px}`;

function shell(locale: TraceLocale, title: string, body: string, switchHref: string): string {
	const other = locale === 'zh-CN' ? 'English' : '中文';
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml"><title>${esc(title)}</title><style>${CSS}</style></head><body><header><a class="lang" href="${esc(switchHref)}" hreflang="${locale === 'zh-CN' ? 'en' : 'zh-CN'}">${other}</a>${esc(m.app_name({}, { locale }))}</header><main>${body}</main></body></html>`;
}

const kg = (v: number, locale: TraceLocale) =>
	new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);

function eventText(e: TraceEvent, locale: TraceLocale): string {
	const o = { locale };
	const product = e.product
		? `${esc(e.product.name)}${e.product.registrationNo ? `（${esc(e.product.registrationNo)}）` : ''}`
		: '';
	const amount = e.amount ? ` ${esc(e.amount.value)} ${esc(UNITS[e.amount.unit])}` : '';
	switch (e.kind) {
		case 'sowing':
			return `${esc(m.tp_sowing({}, o))} ${esc(e.crop ?? '')} ${esc(e.variety ?? '')}${e.seedLot ? ` · ${esc(m.tp_seed_lot({ lot: e.seedLot }, o))}` : ''}`;
		case 'fertilizing':
			return `${esc(m.tp_fertilizing({}, o))} ${product}${amount}`;
		case 'spraying': {
			const phi =
				e.phiRespected === true
					? `<span class="ok">${esc(m.tp_phi_kept({ days: e.phiDays ?? '' }, o))}</span>`
					: e.phiRespected === false
						? `<span class="no">${esc(m.tp_phi_broken({ days: e.phiDays ?? '' }, o))}</span>`
						: '';
			return `${esc(m.tp_spraying({}, o))} ${product}${amount}${e.target ? ` · ${esc(e.target)}` : ''} ${phi}`;
		}
		case 'irrigation':
			return `${esc(m.tp_irrigation({}, o))}${amount}`;
		case 'observation':
			return esc(m.tp_observation({}, o));
		case 'harvest':
			return `${esc(m.tp_harvest({}, o))}${e.quantityKg !== undefined ? ` ${kg(e.quantityKg, locale)} kg` : ''}`;
		case 'commissioning':
			return esc(m.tp_batch_made({ code: groupCode(e.batch?.code ?? '') }, o));
		case 'split':
		case 'merge':
			return esc(
				m.tp_packed(
					{
						code: groupCode(e.batch?.code ?? ''),
						from: (e.inputs ?? []).map((b) => groupCode(b.code)).join('、')
					},
					o
				)
			);
		case 'shipping':
			return `${esc(m.tp_shipping({}, o))}${e.quantityKg !== undefined ? ` ${kg(e.quantityKg, locale)} kg` : ''}`;
	}
}

/** The page of a published batch. `path` is this page's path, for the language switch. */
export function renderTracePage(view: PublicTraceView, locale: TraceLocale, path: string): string {
	const o = { locale };
	const events = view.events
		.map(
			(e) =>
				`<li><span class="day">${esc(e.day)}</span>${e.fieldName ? ` · ${esc(e.fieldName)}` : ''}<br>${eventText(e, locale)}</li>`
		)
		.join('');
	const phi =
		view.phiKept === true
			? `<p class="ok">✔ ${esc(m.tp_all_phi_kept({}, o))}</p>`
			: view.phiKept === false
				? `<p class="no">${esc(m.tp_some_phi_broken({}, o))}</p>`
				: '';
	const photos = view.photos.length
		? `<section class="card"><h2>${esc(m.tp_photos({}, o))}</h2><div class="photos">${view.photos
				.map((p) => `<img src="${esc(p.src)}" alt="${esc(p.alt)}" loading="lazy">`)
				.join('')}</div></section>`
		: '';
	const body = `<section class="card"><p class="ok">✔ ${esc(m.tp_genuine({}, o))}</p><h1>${esc(view.product)}</h1>
<p class="code" data-testid="trace-code">${esc(groupCode(view.code))}</p>
<p>${esc(m.tp_quantity({ kg: kg(view.quantityKg, locale) }, o))}</p>
${view.producer ? `<p>${esc(m.tp_producer({ name: view.producer }, o))}</p>` : ''}${view.origin ? `<p>${esc(m.tp_origin({ place: view.origin }, o))}</p>` : ''}${phi}</section>
<section class="card"><h2>${esc(m.tp_timeline({}, o))}</h2><ol data-testid="trace-timeline">${events}</ol></section>${photos}
<p class="day">${esc(m.tp_footer({}, o))}</p>`;
	const switchHref = `${path}?lang=${locale === 'zh-CN' ? 'en' : 'zh-CN'}`;
	return shell(locale, `${view.product} · ${m.tp_title({}, o)}`, body, switchHref);
}

/** An unknown or unpublished code: the same friendly page, so nobody learns which codes exist. */
export function renderTraceNotFound(code: string, locale: TraceLocale, path: string): string {
	const o = { locale };
	const body = `<section class="card"><h1>${esc(m.tp_not_found_title({}, o))}</h1><p>${esc(m.tp_not_found_text({}, o))}</p><p class="code">${esc(groupCode(code.slice(0, 40)))}</p></section>`;
	const switchHref = `${path}?lang=${locale === 'zh-CN' ? 'en' : 'zh-CN'}`;
	return shell(locale, m.tp_title({}, o), body, switchHref);
}
