import { m } from '$lib/paraglide/messages.js';

const labels: Record<string, () => string> = {
	sowing: m.log_type_sowing,
	fertilizing: m.log_type_fertilizing,
	spraying: m.log_type_spraying,
	irrigation: m.log_type_irrigation,
	observation: m.log_type_observation,
	harvest: m.log_type_harvest,
	sale: m.log_type_sale
};

/** The farmer's word for a kind of field operation. */
export function logTypeLabel(type: string): string {
	return (labels[type] ?? m.log_type_other)();
}
