import { formatQuantity, LOG_FORMS, type LogType } from '$lib/domain/field-logs';
import type { InputRecord, LogRecord } from '$lib/domain/records';

/** One line of what a record says: its details in the form's order, inputs by name. */
export function logSummary(log: LogRecord, inputs: Map<string, InputRecord>): string {
	const form = LOG_FORMS[log.type as LogType] ?? [];
	const parts: string[] = [];
	for (const field of form) {
		const value = log.details?.[field.key];
		if (value === undefined) continue;
		if (typeof value === 'object') parts.push(formatQuantity(value));
		else if (field.kind === 'input') parts.push(inputs.get(value)?.name ?? '—');
		else if (field.kind !== 'choice') parts.push(value);
	}
	return parts.join(' · ');
}
