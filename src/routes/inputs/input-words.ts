import type { InputProblem } from '$lib/domain/farm-inputs';
import type { InputKind } from '$lib/domain/field-logs';
import { m } from '$lib/paraglide/messages.js';

export function inputKindLabel(kind: InputKind): string {
	return {
		fertilizer: m.input_kind_fertilizer,
		pesticide: m.input_kind_pesticide,
		seed: m.input_kind_seed
	}[kind]();
}

export function inputProblemText(problem: InputProblem): string {
	switch (problem) {
		case 'required':
			return m.log_problem_required();
		case 'too-long':
			return m.log_problem_too_long();
		case 'registration-format':
			return m.input_problem_registration();
		case 'npk-format':
			return m.input_problem_npk();
		case 'npk-total':
			return m.input_problem_npk_total();
		case 'whole-days':
			return m.input_problem_days();
		case 'whole-times':
			return m.input_problem_times();
		case 'not-an-option':
			return m.log_problem_option();
	}
}
