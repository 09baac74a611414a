import { FIELD_MAX_MU, type FieldFormProblem } from '$lib/domain/fields';
import { MAX_CORNERS, type FieldImportProblem } from '$lib/domain/geometry';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** What is wrong with a field, in plain words with what to do. */
export function fieldProblemText(problem: FieldFormProblem): string {
	switch (problem) {
		case 'name-required':
			return m.field_problem_name();
		case 'boundary-missing':
			return m.field_problem_boundary_missing();
		case 'area-invalid':
			return m.field_problem_area();
		case 'too-few-points':
			return m.field_problem_too_few();
		case 'no-area':
			return m.field_problem_no_area();
		case 'too-many-points':
			return m.field_problem_too_many({ max: MAX_CORNERS });
		case 'area-too-large':
			return m.field_problem_too_large({ max: FIELD_MAX_MU.toLocaleString(getLocale()) });
		case 'self-intersecting':
			return m.field_problem_crossing();
		case 'not-a-place':
			return m.field_problem_not_a_place();
	}
}

export function importProblemText(problem: FieldImportProblem): string {
	switch (problem.kind) {
		case 'not-json':
			return m.import_problem_not_json();
		case 'not-geojson':
			return m.import_problem_not_geojson();
		case 'empty':
			return m.import_problem_empty();
		case 'too-many':
			return m.import_problem_too_many({ max: problem.max });
		case 'not-polygon':
			return m.import_problem_not_polygon({ number: problem.index + 1, type: problem.type });
		case 'bad-boundary':
			return m.import_problem_boundary({
				number: problem.index + 1,
				reason: fieldProblemText(problem.problem)
			});
	}
}
