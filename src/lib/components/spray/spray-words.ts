import type { PesticideCategory, ToxicityClass } from '$lib/domain/farm-inputs';
import { formatMonthDay, type SprayProblem } from '$lib/domain/spray-safety';
import type { Locale } from '$lib/domain/units';
import { m } from '$lib/paraglide/messages.js';

export function categoryLabel(category: PesticideCategory): string {
	return {
		herbicide: m.spray_category_herbicide,
		insecticide: m.spray_category_insecticide,
		fungicide: m.spray_category_fungicide,
		growthRegulator: m.spray_category_growth_regulator,
		rodenticide: m.spray_category_rodenticide
	}[category]();
}

/** The band's colour in words, so the colour is never the only cue. */
export function bandColourWord(category: PesticideCategory): string {
	return {
		herbicide: m.spray_colour_green,
		insecticide: m.spray_colour_red,
		fungicide: m.spray_colour_black,
		growthRegulator: m.spray_colour_deep_yellow,
		rodenticide: m.spray_colour_blue
	}[category]();
}

export function toxicityLabel(toxicity: ToxicityClass): string {
	return {
		extreme: m.spray_toxicity_extreme,
		high: m.spray_toxicity_high,
		moderate: m.spray_toxicity_moderate,
		low: m.spray_toxicity_low,
		slight: m.spray_toxicity_slight
	}[toxicity]();
}

/** A spray-safety problem in plain words; `name` gives a product's name from its id. */
export function sprayProblemText(
	problem: SprayProblem,
	name: (productId: string) => string,
	locale: Locale
): string {
	const product = name(problem.productId);
	switch (problem.kind) {
		case 'harvest-too-early':
			return m.spray_harvest_early({
				date: formatMonthDay(problem.harvestDay, locale),
				safe: formatMonthDay(problem.safeDay, locale),
				product,
				days: problem.phiDays
			});
		case 'too-many-applications':
			return m.spray_too_many({ product, done: problem.done, max: problem.max });
		case 'planned-too-many':
			return m.spray_planned_too_many({
				product,
				done: problem.done,
				planned: problem.planned,
				max: problem.max
			});
		case 'ingredient-too-many':
		case 'ingredient-planned-too-many': {
			const args = {
				products: problem.brandIds.map(name).join(locale === 'en' ? ', ' : '、'),
				ingredient: problem.ingredient,
				done: problem.done,
				planned: problem.planned,
				max: problem.max
			};
			return problem.kind === 'ingredient-too-many'
				? m.spray_ingredient_too_many(args)
				: m.spray_ingredient_planned_too_many(args);
		}
		case 'unknown-phi':
			return m.spray_unknown_phi({ product });
	}
}
