import { kgToJin } from '$lib/domain/units';
import type { Bounds, YieldCrop, YieldInput, YieldResult } from '$lib/domain/yield-estimate';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** A counting sample as typed (see CountSample in the domain). */
export interface SampleTexts {
	counted: string;
	rows: string;
	rowLength: string;
	rowSpacing: string;
}

/** The farmer's words for each number the estimate asks for (keys of COMPONENTS, SETTINGS and SAMPLE). */
const labels: Record<string, () => string> = {
	ears: m.yield_ears,
	kernelsPerEar: m.yield_kernels_per_ear,
	kernelWeight: m.yield_kernel_weight,
	plants: m.yield_plants,
	podsPerPlant: m.yield_pods_per_plant,
	seedsPerPod: m.yield_seeds_per_pod,
	seedWeight100: m.yield_seed_weight_100,
	panicles: m.yield_panicles,
	grainsPerPanicle: m.yield_grains_per_panicle,
	seedSet: m.yield_seed_set,
	grainWeight: m.yield_grain_weight,
	discount: m.yield_discount,
	moisture: m.yield_moisture,
	standardMoisture: m.yield_standard_moisture,
	rows: m.yield_rows,
	rowLength: m.yield_row_length,
	rowSpacing: m.yield_row_spacing
};

export function yieldLabel(key: string): string {
	return (labels[key] ?? (() => key))();
}

export function countedLabel(crop: YieldCrop): string {
	return {
		maize: m.yield_counted_maize,
		soybean: m.yield_counted_soybean,
		rice: m.yield_counted_rice
	}[crop]();
}

export function cropName(crop: YieldCrop): string {
	return { maize: m.crop_maize, soybean: m.crop_soybean, rice: m.crop_rice }[crop]();
}

/** A number for reading, in the user's language, with at most `digits` decimals. */
export function amount(value: number, digits = 1): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

/** The working of an estimate, one line a step, as shown on the screen and kept in a saved record. */
/** A typed number's range in plain words, once something is typed that falls outside it. */
export function rangeText(what: string, value: string, problem: Bounds | undefined): string {
	return problem && value.trim() !== ''
		? m.yield_range({ what, min: amount(problem.min, 2), max: amount(problem.max, 2) })
		: '';
}

export function yieldSteps(input: YieldInput, result: YieldResult): string[] {
	const c = (key: string) => amount(input.components[key] ?? Number.NaN, 2);
	const kg = amount(result.theoretical);
	const theory = {
		maize: () =>
			m.yield_step_maize({
				ears: c('ears'),
				kernels: c('kernelsPerEar'),
				weight: c('kernelWeight'),
				kg
			}),
		soybean: () =>
			m.yield_step_soybean({
				plants: c('plants'),
				pods: c('podsPerPlant'),
				seeds: c('seedsPerPod'),
				weight: c('seedWeight100'),
				kg
			}),
		rice: () =>
			m.yield_step_rice({
				panicles: c('panicles'),
				grains: c('grainsPerPanicle'),
				seedSet: c('seedSet'),
				weight: c('grainWeight'),
				kg
			})
	}[input.crop]();
	const steps = [
		theory,
		m.yield_step_discount({ discount: amount(input.discount, 3), kg: amount(result.discounted) })
	];
	if (input.moisture !== null)
		steps.push(
			m.yield_step_moisture({
				moisture: amount(input.moisture, 1),
				standard: amount(input.standardMoisture, 1),
				kg: amount(result.kgPerMu)
			})
		);
	return steps;
}

/** The answer: per 亩 (in 公斤 and 斤), per hectare, and for the field when there is one. */
export function yieldAnswers(result: YieldResult, field: { name: string; mu: number } | null) {
	return {
		perMu: m.yield_per_mu({ kg: amount(result.kgPerMu), jin: amount(result.jinPerMu) }),
		perHa: m.yield_per_ha({ kg: amount(result.kgPerHa, 0) }),
		total:
			field && result.totalKg !== null
				? m.yield_total({
						name: field.name,
						mu: amount(field.mu, 2),
						kg: amount(result.totalKg, 0),
						jin: amount(kgToJin(result.totalKg), 0)
					})
				: null
	};
}
