import type { TrackId } from '$lib/domain/lessons';
import { m } from '$lib/paraglide/messages.js';

export function trackName(track: TrackId): string {
	return {
		fertilization: m.track_fertilization,
		monitoring: m.track_monitoring,
		ecommerce: m.track_ecommerce,
		safety: m.track_safety
	}[track]();
}
