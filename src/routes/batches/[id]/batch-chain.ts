import type { LocalData } from '$lib/data/local-data';
import { traceChain, type TraceEvent } from '$lib/domain/trace';
import { toTraceBatch } from '$lib/domain/trace-batch';

/**
 * The trace chain of one batch from the phone's own records (so it works offline), for a live query: null
 * when the phone has no such batch. Pesticides taken off the inventory since still name what was sprayed,
 * with their intervals, as spray safety reads them (FarmRecords.sprayProducts).
 */
export async function batchChain(data: LocalData, batchId: string): Promise<TraceEvent[] | null> {
	const [views, logs, fields, inputs, pesticides] = await Promise.all([
		data.batches.list(),
		data.farm.logs(),
		data.farm.fields(),
		data.farm.inputs(),
		data.farm.sprayProducts()
	]);
	const own = views.find((v) => v.batch.id === batchId);
	if (!own) return null;
	const products = [...inputs, ...pesticides.filter((p) => p.deleted)];
	return traceChain(
		toTraceBatch(own.batch),
		views.map((v) => toTraceBatch(v.batch)),
		logs,
		fields,
		products
	);
}
