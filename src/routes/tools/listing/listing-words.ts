import { roundUpToFen, type TitleCheck, type TitleProblem } from '$lib/domain/listing';
import { m } from '$lib/paraglide/messages.js';
import { readNetKg, readStock, type ListingForm, type PriceReading } from './listing-form';
import { GREEN_FOOD_WORDING, readGreenFoodCode } from '$lib/domain/listing';
import type { ClaimFinding } from '$lib/domain/claims';

export function titleProblemText(problem: TitleProblem): string {
	switch (problem.kind) {
		case 'empty':
			return m.listing_title_empty();
		case 'no-product':
			return m.listing_title_no_product();
		case 'too-long':
			return m.listing_title_too_long({ length: problem.length, max: problem.max });
		case 'phone':
			return m.listing_title_phone();
		case 'wechat':
			return m.listing_title_wechat();
		case 'url':
			return m.listing_title_url();
		case 'symbols':
			return m.listing_title_symbols();
	}
}

/** Yuan as a shop shows it: rounded up to the fen, never below the price worked out. */
export function yuan(value: number): string {
	return roundUpToFen(value).toFixed(2);
}

/** Where a buyer's phone looks up the batch (the app's public trace page). */
export function traceUrl(origin: string, code: string): string {
	return `${origin}/t/${encodeURIComponent(code.trim())}`;
}

/** The listing as text for the shop's description box: only what was filled in. */
export function listingText(
	form: ListingForm,
	title: TitleCheck,
	price: PriceReading,
	appOrigin: string
): string {
	const lines: string[] = [];
	if (title.title) lines.push(m.listing_text_title({ title: title.title }));
	const specs: string[] = [];
	const net = readNetKg(form);
	if (net && 'kg' in net) {
		const unit = form.weightUnit === 'kg' ? m.listing_unit_kg() : m.listing_unit_jin();
		specs.push(m.listing_text_weight({ weight: `${form.weight.trim()} ${unit}` }));
	}
	if (form.grade.trim()) specs.push(m.listing_text_grade({ grade: form.grade.trim() }));
	if (form.packaging.trim())
		specs.push(m.listing_text_packaging({ packaging: form.packaging.trim() }));
	const stock = readStock(form);
	if (typeof stock === 'number') specs.push(m.listing_text_stock({ kg: stock }));
	if (specs.length) lines.push(m.listing_text_specs({ specs: specs.join('，') }));
	if (form.origin.trim()) lines.push(m.listing_text_origin({ origin: form.origin.trim() }));
	const green = readGreenFoodCode(form.greenFoodCode);
	if (green) lines.push(m.listing_text_green({ code: green.code, wording: GREEN_FOOD_WORDING }));
	if (form.geoIndication.trim()) lines.push(m.listing_text_gi({ gi: form.geoIndication.trim() }));
	if (price.result?.ok) {
		const perJin = price.perWeight?.price.perJin;
		lines.push(
			perJin === undefined
				? m.listing_text_price({ price: yuan(price.result.price) })
				: m.listing_text_price_weight({ price: yuan(price.result.price), perJin: yuan(perJin) })
		);
	}
	if (form.traceCode.trim())
		lines.push(m.listing_text_trace({ url: traceUrl(appOrigin, form.traceCode) }));
	return lines.join('\n');
}

/** One claim finding in plain words: what the words are, the rule, and what to do (claims.ts). */
export function claimText(finding: ClaimFinding): string {
	const words = finding.words.join('、');
	switch (finding.kind) {
		case 'health':
			return m.listing_claim_health({ words });
		case 'organic':
			return m.listing_claim_organic({ words });
		case 'green-food':
			return m.listing_claim_green_food({ words });
		case 'pollution-free':
			return m.listing_claim_pollution_free({ words });
		case 'geo-indication':
			return m.listing_claim_geo({ words });
	}
}
