/** A batch record as the trace chain and the EPCIS export read it (trace.ts TraceBatch). */
import type { BatchRecord } from './records';
import type { TraceBatch } from './trace';

export function toTraceBatch(b: BatchRecord): TraceBatch {
	return {
		id: b.id,
		code: b.code,
		product: b.product,
		quantityKg: b.quantityKg,
		fieldIds: b.fieldIds,
		harvestLogIds: b.harvestLogIds,
		parentIds: b.parentIds,
		createdFrom: b.origin,
		createdAt: b.at
	};
}
