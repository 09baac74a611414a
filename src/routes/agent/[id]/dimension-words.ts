import type { DigitalDimension } from '$lib/domain/digital-skills';
import { m } from '$lib/paraglide/messages.js';

export function dimensionName(d: DigitalDimension): string {
	return {
		work: m.agent_dim_work,
		learning: m.agent_dim_learning,
		life: m.agent_dim_life,
		innovation: m.agent_dim_innovation,
		safety: m.agent_dim_safety
	}[d]();
}
