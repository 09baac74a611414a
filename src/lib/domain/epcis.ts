/**
 * A batch's trace chain (trace.ts) as a GS1 EPCIS 2.0 JSON-LD document, for buyers and platforms that read
 * EPCIS. Checked in tests against the official EPCIS 2.0 JSON schema (tests/fixtures/epcis). The choices
 * are explained in docs/traceability.md; in short:
 *
 * - Identifiers are URIs the farm can give without a GS1 company prefix: a lot is `<base>/t/<trace code>`,
 *   the address the label's QR code opens, so an identifier resolves to the trace page. With a GTIN (from a
 *   GS1 member's barcode) a lot is the GS1 Digital Link `https://id.gs1.org/01/<GTIN>/10/<trace code>`
 *   instead. No GTIN is invented: a made-up company prefix would claim a number that belongs to someone.
 * - Produce is counted in kg, never item by item: every event names its lot by class (quantityList, KGM).
 * - Harvest batch: ObjectEvent ADD, bizStep commissioning, disposition active, with the harvest dates in
 *   ILMD (cbvmda:harvestStartDate / harvestEndDate; the CBV has no "harvesting" step). Split and merge:
 *   TransformationEvent, bizStep commissioning (the new lot gets its identifier). Sale: ObjectEvent OBSERVE,
 *   bizStep shipping, disposition in_transit.
 * - Field work (sowing, fertilizing, spraying, irrigation, observation), if asked for: ObjectEvent OBSERVE
 *   with an empty epcList (the crop is not a lot yet), a bizStep from Heitu's own vocabulary (the CBV has
 *   no farming steps) and the product, registration number and dose in Heitu's extension namespace.
 * - Places: readPoint is a `geo:` URI (RFC 5870) of the field's place rounded to about a village, or left
 *   out; bizLocation is the field's opaque address `<base>/field/<id>`. No buyer is named.
 */
import { UNITS } from './field-logs';
import type { PublicPlace, TraceBatch, TraceBatchRef, TraceEvent } from './trace';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** A placeholder origin: the app passes its own (the address its trace pages are served from). */
export const DEFAULT_BASE_URI = 'https://heitu.example';
/** Heilongjiang's clock (UTC+8 all year). */
const OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

export interface EpcisOptions {
	/** When the document is made (epoch ms). */
	now: number;
	/** The origin of the identifiers and of the extension vocabulary, without a trailing slash. */
	baseUri?: string;
	/** 'village' (default): readPoint is the field's place rounded to 0.01°; 'omit': no coordinates at all. */
	location?: 'village' | 'omit';
	/** Include sowing, fertilizing, spraying, irrigation and observations (default true). */
	fieldWork?: boolean;
	/** A GTIN-8/12/13/14 for the product, if the farm has one: lots become GS1 Digital Link URIs. */
	gtin?: string;
}

/** The JSON-LD shapes written here (a subset of EPCIS 2.0). */
export interface QuantityElement {
	epcClass: string;
	quantity: number;
	uom: 'KGM';
}
export type EpcisEvent = Record<string, unknown> & {
	type: 'ObjectEvent' | 'TransformationEvent';
	eventTime: string;
	eventTimeZoneOffset: string;
};
export interface EpcisDocument {
	'@context': [string, Record<string, string>];
	type: 'EPCISDocument';
	schemaVersion: '2.0';
	creationDate: string;
	id: string;
	epcisBody: { eventList: EpcisEvent[] };
}

/** Whether a GTIN's check digit is right (GS1 General Specifications 7.9.1: weights 3 and 1 from the right). */
export function isGtin(value: string): boolean {
	if (!/^(\d{8}|\d{12,14})$/.test(value)) return false;
	const digits = [...value].map(Number);
	const check = digits.pop()!;
	const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
	return (10 - (sum % 10)) % 10 === check;
}

/** An instant as EPCIS wants it: Heilongjiang's wall clock with its offset, e.g. 2026-09-28T09:00:00.000+08:00. */
export function epcisTime(at: number): string {
	return new Date(at + OFFSET_MS).toISOString().replace('Z', OFFSET);
}

/** The identifiers of one document's base and GTIN. */
export function epcisIds(options: Pick<EpcisOptions, 'baseUri' | 'gtin'>) {
	const base = (options.baseUri ?? DEFAULT_BASE_URI).replace(/\/+$/, '');
	const gtin = options.gtin && isGtin(options.gtin) ? options.gtin.padStart(14, '0') : null;
	const segment = (s: string) => encodeURIComponent(s);
	return {
		base,
		vocab: `${base}/voc/`,
		lot: (code: string) =>
			gtin ? `https://id.gs1.org/01/${gtin}/10/${segment(code)}` : `${base}/t/${segment(code)}`,
		field: (id: string) => `${base}/field/${segment(id)}`,
		event: (key: string) => `${base}/event/${segment(key)}`,
		document: (code: string) => `${base}/epcis/${segment(code)}`
	};
}

/** A place as a `geo:` URI (RFC 5870), latitude first. */
export function geoUri(place: PublicPlace): string {
	return `geo:${place.lat},${place.lng}`;
}

const FIELD_WORK = new Set(['sowing', 'fertilizing', 'spraying', 'irrigation', 'observation']);

/**
 * The EPCIS 2.0 document of a batch: `chain` from traceChain(batch, …), `lineage` from batchLineage (the
 * batch and those it came from: their quantities name what each lot held when it was made).
 */
export function epcisDocument(
	chain: readonly TraceEvent[],
	batch: TraceBatch,
	lineage: readonly TraceBatch[],
	options: EpcisOptions
): EpcisDocument {
	const ids = epcisIds(options);
	const own = new Map(lineage.map((b) => [b.id, b]));
	const h = (name: string) => `heitu:${name}`;
	const quantity = (b: TraceBatchRef, kg = b.quantityKg): QuantityElement => ({
		epcClass: ids.lot(own.get(b.id)?.code ?? b.code),
		quantity: kg,
		uom: 'KGM'
	});
	const where = (e: TraceEvent) => ({
		...(e.place && options.location !== 'omit' ? { readPoint: { id: geoUri(e.place) } } : {}),
		...(e.fieldId ? { bizLocation: { id: ids.field(e.fieldId) } } : {})
	});
	const head = (e: TraceEvent, type: EpcisEvent['type']): EpcisEvent => ({
		type,
		eventTime: epcisTime(e.at),
		eventTimeZoneOffset: OFFSET,
		eventID: ids.event(e.key)
	});

	const events: EpcisEvent[] = [];
	for (const e of chain) {
		if (e.kind === 'commissioning' && e.batch) {
			const made = own.get(e.batch.id);
			events.push({
				...head(e, 'ObjectEvent'),
				action: 'ADD',
				quantityList: [quantity(e.batch, made?.quantityKg ?? e.batch.quantityKg)],
				bizStep: 'commissioning',
				disposition: 'active',
				...where(e),
				ilmd: {
					'cbvmda:lotNumber': e.batch.code,
					...(e.harvestStart ? { 'cbvmda:harvestStartDate': e.harvestStart } : {}),
					...(e.harvestEnd ? { 'cbvmda:harvestEndDate': e.harvestEnd } : {}),
					[h('product')]: e.batch.product,
					...(typeof e.phiRespected === 'boolean'
						? { [h('preHarvestIntervalRespected')]: e.phiRespected }
						: {})
				}
			});
		} else if ((e.kind === 'split' || e.kind === 'merge') && e.batch && e.inputs?.length) {
			events.push({
				...head(e, 'TransformationEvent'),
				inputQuantityList: e.inputs.map((input) => quantity(input)),
				outputQuantityList: [quantity(e.batch)],
				bizStep: 'commissioning',
				disposition: 'active',
				[h('transformation')]: e.kind
			});
		} else if (e.kind === 'shipping' && e.batch) {
			events.push({
				...head(e, 'ObjectEvent'),
				action: 'OBSERVE',
				quantityList: [quantity(e.batch, e.quantityKg ?? e.batch.quantityKg)],
				bizStep: 'shipping',
				disposition: 'in_transit'
			});
		} else if (FIELD_WORK.has(e.kind) && options.fieldWork !== false) {
			events.push({
				...head(e, 'ObjectEvent'),
				action: 'OBSERVE',
				epcList: [],
				bizStep: `${ids.vocab}${e.kind}`,
				...where(e),
				...fieldWorkExtension(e, h)
			});
		}
	}

	return {
		'@context': [EPCIS_CONTEXT, { heitu: ids.vocab }],
		type: 'EPCISDocument',
		schemaVersion: '2.0',
		creationDate: epcisTime(options.now),
		id: ids.document(batch.code),
		epcisBody: { eventList: events }
	};
}

/** What a field record says, as extension properties in Heitu's namespace (plain values only). */
function fieldWorkExtension(
	e: TraceEvent,
	h: (name: string) => string
): Record<string, string | number | boolean> {
	const out: Record<string, string | number | boolean> = {};
	if (e.crop) out[h('crop')] = e.crop;
	if (e.variety) out[h('variety')] = e.variety;
	if (e.seedLot) out[h('seedLot')] = e.seedLot;
	if (e.product) {
		out[h('product')] = e.product.name;
		if (e.product.registrationNo) out[h('registrationNo')] = e.product.registrationNo;
	}
	if (e.amount) {
		out[h('amount')] = e.amount.value;
		out[h('amountUnit')] = UNITS[e.amount.unit];
	}
	if (e.method) out[h('method')] = e.method;
	if (e.target) out[h('target')] = e.target;
	if (e.phiDays != null) out[h('preHarvestDays')] = e.phiDays;
	if (e.safeDay) out[h('safeHarvestDate')] = e.safeDay;
	if (typeof e.phiRespected === 'boolean') out[h('preHarvestIntervalRespected')] = e.phiRespected;
	if (e.yieldEstimateKgPerMu !== undefined) out[h('yieldEstimateKgPerMu')] = e.yieldEstimateKgPerMu;
	if (e.surveyDensityPerMu !== undefined) out[h('seedlingDensityPerMu')] = e.surveyDensityPerMu;
	if (e.surveyGrade != null) out[h('seedlingGrade')] = e.surveyGrade;
	return out;
}
