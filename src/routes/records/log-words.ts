import type { LogProblem } from '$lib/domain/field-logs';
import { m } from '$lib/paraglide/messages.js';

/** The farmer's words for each detail a record asks for (keys of LOG_FORMS). */
const detailLabels: Record<string, () => string> = {
	crop: m.log_detail_crop,
	variety: m.log_detail_variety,
	seedLot: m.log_detail_seed_lot,
	seedRate: m.log_detail_seed_rate,
	product: m.log_detail_product,
	rate: m.log_detail_rate,
	method: m.log_detail_method,
	dose: m.log_detail_dose,
	target: m.log_detail_target,
	water: m.log_detail_water,
	weather: m.log_detail_weather,
	quantity: m.log_detail_quantity,
	moisture: m.log_detail_moisture,
	lot: m.log_detail_lot,
	buyer: m.log_detail_buyer,
	price: m.log_detail_price,
	amount: m.log_detail_amount,
	batch: m.log_detail_batch,
	yieldEstimate: m.yield_detail_label,
	pest: m.log_detail_pest
};

export function detailLabel(key: string): string {
	return (detailLabels[key] ?? (() => key))();
}

const optionLabels: Record<string, () => string> = {
	broadcast: m.method_broadcast,
	band: m.method_band,
	hole: m.method_hole,
	fertigation: m.method_fertigation,
	foliar: m.method_foliar,
	flood: m.method_flood,
	sprinkler: m.method_sprinkler,
	drip: m.method_drip
};

export function optionLabel(option: string): string {
	return (optionLabels[option] ?? (() => option))();
}

export function logProblemText(problem: LogProblem): string {
	switch (problem) {
		case 'required':
			return m.log_problem_required();
		case 'not-a-number':
			return m.log_problem_number();
		case 'too-small':
			return m.log_problem_too_small();
		case 'too-large':
			return m.log_problem_too_large();
		case 'too-long':
			return m.log_problem_too_long();
		case 'not-an-option':
			return m.log_problem_option();
		case 'bad-unit':
			return m.log_problem_unit();
		case 'bad-date':
			return m.log_problem_date();
		case 'done-in-future':
			return m.log_problem_done_future();
		case 'bad-point':
			return m.log_problem_point();
		case 'bad-survey':
			return m.survey_problem_bad();
	}
}
