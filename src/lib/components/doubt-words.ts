import type { Doubt, PlausibleCrop } from '$lib/domain/plausibility';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

const cropNames: Record<PlausibleCrop, () => string> = {
	maize: m.crop_maize,
	soybean: m.crop_soybean,
	rice: m.crop_rice,
	springWheat: m.crop_wheat,
	potato: m.crop_potato
};

const number = (value: number, digits = 1) =>
	new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);

/** A crop's name inside a sentence ("the record for maize"); Chinese names stay as they are. */
const inSentence = (crop: PlausibleCrop) => {
	const name = cropNames[crop]();
	return getLocale() === 'en' ? name.toLowerCase() : name;
};

/** What a "是不是写错了？" question says about one number, in plain words with the numbers that matter. */
export function doubtText(doubt: Doubt): string {
	switch (doubt.kind) {
		case 'harvest-per-mu': {
			const values = { perMu: number(doubt.perMu, 0), record: number(doubt.record, 0) };
			return doubt.crop
				? m.doubt_harvest({ ...values, crop: inSentence(doubt.crop) })
				: m.doubt_harvest_any(values);
		}
		case 'seed-rate':
			return m.doubt_seed_rate({
				value: number(doubt.kgPerMu),
				crop: cropNames[doubt.crop](),
				min: number(doubt.usual.min),
				max: number(doubt.usual.max)
			});
		case 'big-field':
			return m.doubt_big_field({ mu: number(doubt.mu, 0) });
		case 'area-mismatch':
			return m.doubt_area_mismatch({ drawn: number(doubt.drawnMu), typed: number(doubt.typedMu) });
	}
}
