import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allLogs,
	at,
	batches,
	f1,
	f2,
	harvestBatch,
	inputs,
	log,
	partA
} from '../../../tests/fixtures/trace-season';
import {
	EPCIS_CONTEXT,
	epcisDocument,
	epcisTime,
	isGtin,
	type EpcisDocument,
	type EpcisEvent
} from './epcis';
import { batchLineage, traceChain, type TraceBatch } from './trace';

/** The official EPCIS 2.0 JSON schema and examples (github.com/gs1/EPCIS, copied byte for byte). */
const fixture = (name: string): unknown =>
	JSON.parse(
		readFileSync(new URL(`../../../tests/fixtures/epcis/${name}`, import.meta.url), 'utf8')
	);
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(fixture('EPCIS-JSON-Schema.json') as object);

function expectValid(doc: unknown) {
	const ok = validate(doc);
	expect(ok ? [] : validate.errors).toEqual([]);
}

const now = at('2026-10-12T08:00');
const documentOf = (
	batch: TraceBatch,
	options: Partial<Parameters<typeof epcisDocument>[3]> = {}
) => {
	const chain = traceChain(batch, batches, allLogs, [f1, f2], inputs);
	return epcisDocument(chain, batch, batchLineage(batch, batches), { now, ...options });
};
const ofType = (doc: EpcisDocument, type: string, bizStep?: string) =>
	doc.epcisBody.eventList.filter((e) => e.type === type && (!bizStep || e.bizStep === bizStep));

describe('the validator', () => {
	it.each([
		'Example_9.6.1-ObjectEvent.jsonld',
		'Example_9.6.3-AggregationEvent.jsonld',
		'Example_9.6.4-TransformationEvent.jsonld'
	])('accepts the standard’s example %s', (name) => {
		expectValid(fixture(name));
	});

	it('refuses a broken document', () => {
		const doc = fixture('Example_9.6.1-ObjectEvent.jsonld') as EpcisDocument;
		const event = doc.epcisBody.eventList[0]!;
		expect(validate({ ...doc, epcisBody: { eventList: [{ ...event, action: 'HARVEST' }] } })).toBe(
			false
		);
		expect(validate({ ...doc, epcisBody: { eventList: [{ ...event, eventTime: 'soon' }] } })).toBe(
			false
		);
		const noVersion: Partial<EpcisDocument> = { ...doc };
		delete noVersion.schemaVersion;
		expect(validate(noVersion)).toBe(false);
		// a CBV word spelled as a URI outside the CBV's own namespace rules
		expect(
			validate({
				...doc,
				epcisBody: {
					eventList: [{ ...event, bizStep: 'https://ns.gs1.org/cbv/BizStep-harvesting' }]
				}
			})
		).toBe(false);
	});
});

describe('epcisDocument', () => {
	const doc = documentOf(partA);
	const events = doc.epcisBody.eventList;

	it('validates against the EPCIS 2.0 schema', () => {
		expectValid(doc);
		expect(doc['@context'][0]).toBe(EPCIS_CONTEXT);
		expect(doc).toMatchObject({
			type: 'EPCISDocument',
			schemaVersion: '2.0',
			creationDate: '2026-10-12T08:00:00.000+08:00',
			id: 'https://heitu.example/epcis/HL26-0001A'
		});
	});

	it('commissions the harvest lot with its harvest dates', () => {
		expect(ofType(doc, 'ObjectEvent', 'commissioning')).toEqual([
			expect.objectContaining({
				action: 'ADD',
				eventTime: '2026-09-28T18:00:00.000+08:00',
				eventTimeZoneOffset: '+08:00',
				disposition: 'active',
				quantityList: [
					{ epcClass: 'https://heitu.example/t/HL26-0001', quantity: 8000, uom: 'KGM' }
				],
				readPoint: { id: 'geo:44.91,127.15' },
				bizLocation: { id: 'https://heitu.example/field/f1' },
				ilmd: {
					'cbvmda:lotNumber': 'HL26-0001',
					'cbvmda:harvestStartDate': '2026-09-28',
					'cbvmda:harvestEndDate': '2026-09-28',
					'heitu:product': '稻谷',
					'heitu:preHarvestIntervalRespected': false
				}
			})
		]);
	});

	it('makes the split a transformation in kg', () => {
		expect(ofType(doc, 'TransformationEvent')).toEqual([
			expect.objectContaining({
				eventTime: '2026-10-05T10:00:00.000+08:00',
				bizStep: 'commissioning',
				inputQuantityList: [
					{ epcClass: 'https://heitu.example/t/HL26-0001', quantity: 5000, uom: 'KGM' }
				],
				outputQuantityList: [
					{ epcClass: 'https://heitu.example/t/HL26-0001A', quantity: 5000, uom: 'KGM' }
				]
			})
		]);
	});

	it('ships the sale', () => {
		expect(ofType(doc, 'ObjectEvent', 'shipping')).toEqual([
			expect.objectContaining({
				action: 'OBSERVE',
				disposition: 'in_transit',
				quantityList: [
					{ epcClass: 'https://heitu.example/t/HL26-0001A', quantity: 5000, uom: 'KGM' }
				]
			})
		]);
		// the buyer is a person or a business the farmer named: not published
		expect(JSON.stringify(doc)).not.toContain('五常市稻香米业');
		// nor what it was sold for (EPCIS has no price; a trace is not a bill)
		expect(JSON.stringify(doc)).not.toContain('3.17');
		expect(JSON.stringify(doc)).not.toContain('15850');
	});

	it('puts field work in Heitu’s namespace, with product, registration number and dose', () => {
		const spraying = events.filter((e) => e.bizStep === 'https://heitu.example/voc/spraying');
		expect(spraying).toHaveLength(2);
		expect(spraying[1]).toMatchObject({
			action: 'OBSERVE',
			epcList: [],
			'heitu:product': '40%稻瘟灵乳油',
			'heitu:registrationNo': 'PD20096839',
			'heitu:amount': 100,
			'heitu:amountUnit': 'ml/亩',
			'heitu:target': '稻瘟病',
			'heitu:preHarvestDays': 14,
			'heitu:safeHarvestDate': '2026-10-04',
			'heitu:preHarvestIntervalRespected': false
		});
		expect(doc['@context'][1]).toEqual({ heitu: 'https://heitu.example/voc/' });
		expect(events.find((e) => e.bizStep === 'https://heitu.example/voc/sowing')).toMatchObject({
			'heitu:crop': '水稻',
			'heitu:variety': '稻花香2号',
			'heitu:seedLot': 'WC-2026-031'
		});
	});

	it('has its events in time order, each with its own id', () => {
		const times = events.map((e) => Date.parse(e.eventTime));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(new Set(events.map((e) => e.eventID)).size).toBe(events.length);
	});

	it('can leave out every coordinate, and the field work', () => {
		const hidden = documentOf(partA, { location: 'omit', fieldWork: false });
		expectValid(hidden);
		expect(JSON.stringify(hidden)).not.toMatch(/geo:|44\.9|127\.1/);
		expect(hidden.epcisBody.eventList.map((e) => e.bizStep)).toEqual([
			'commissioning',
			'commissioning',
			'shipping'
		]);
	});

	it('names lots by GS1 Digital Link when the farm has a GTIN', () => {
		const linked = documentOf(partA, {
			gtin: '4006381333931',
			baseUri: 'https://trace.example.cn/'
		});
		expectValid(linked);
		expect(ofType(linked, 'ObjectEvent', 'shipping')[0]?.quantityList).toEqual([
			{ epcClass: 'https://id.gs1.org/01/04006381333931/10/HL26-0001A', quantity: 5000, uom: 'KGM' }
		]);
		expect(linked.id).toBe('https://trace.example.cn/epcis/HL26-0001A');
		// a wrong check digit is not a GTIN: no identifier is made up from it
		const wrong = documentOf(partA, { gtin: '4006381333932' });
		expect(JSON.stringify(wrong)).not.toContain('id.gs1.org');
	});
});

describe('isGtin and epcisTime', () => {
	it('checks the GS1 check digit', () => {
		expect(isGtin('4006381333931')).toBe(true);
		expect(isGtin('09506000134352')).toBe(true);
		expect(isGtin('96385074')).toBe(true);
		expect(isGtin('4006381333930')).toBe(false);
		expect(isGtin('40063813339')).toBe(false);
	});

	it('writes Heilongjiang’s clock with its offset', () => {
		// 16:30 UTC is half past midnight the next day in Heilongjiang
		expect(epcisTime(Date.UTC(2026, 4, 9, 16, 30))).toBe('2026-05-10T00:30:00.000+08:00');
	});
});

describe('epcisDocument, any batch', () => {
	const types = [
		'sowing',
		'fertilizing',
		'spraying',
		'irrigation',
		'observation',
		'harvest',
		'sale'
	];
	const record = fc.record({
		type: fc.constantFrom(...types),
		at: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
		status: fc.constantFrom('done' as const, 'planned' as const),
		fieldId: fc.constantFrom('f1', 'f2', null),
		product: fc.constantFrom('bup', 'iso', 'urea', 'npk', 'gone'),
		value: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
		unit: fc.constantFrom('kg' as const, 'jin' as const, 'mlPerMu' as const, 'kgPerMu' as const)
	});

	it('always validates, with its events in time order', () => {
		fc.assert(
			fc.property(
				fc.array(record, { maxLength: 30 }),
				fc.string({ minLength: 1, maxLength: 20 }),
				fc.double({ min: 0.001, max: 1e6, noNaN: true }),
				fc.constantFrom('split' as const, 'merge' as const, 'harvest' as const),
				fc.boolean(),
				(rows, code, kg, made, omit) => {
					const logs = rows.map((r, i) =>
						log(
							r.type,
							'2026-01-01T00:00',
							{
								product: r.product,
								quantity: { value: r.value, unit: r.unit },
								dose: { value: r.value, unit: r.unit },
								batch: code,
								buyer: 'x',
								crop: code
							},
							{ ...r, id: `r${i}` }
						)
					);
					const harvests = logs.filter((l) => l.type === 'harvest');
					const root: TraceBatch = {
						...harvestBatch,
						code: `${code}-0`,
						quantityKg: kg,
						harvestLogIds: harvests.map((h) => h.id),
						createdAt: Math.max(0, ...harvests.map((h) => h.at)) + 1
					};
					const other: TraceBatch = { ...root, id: 'b-o', code: `${code}-1`, harvestLogIds: [] };
					const batch: TraceBatch =
						made === 'harvest'
							? { ...root, code }
							: {
									...partA,
									code,
									quantityKg: kg / 2,
									parentIds: made === 'split' ? [root.id] : [root.id, other.id],
									createdFrom: made,
									createdAt: root.createdAt + 1
								};
					const all = [root, other, batch];
					const chain = traceChain(batch, all, logs, [f1, f2], inputs);
					const doc = epcisDocument(chain, batch, batchLineage(batch, all), {
						now,
						location: omit ? 'omit' : 'village'
					});
					expectValid(doc);
					const times = doc.epcisBody.eventList.map((e: EpcisEvent) => Date.parse(e.eventTime));
					expect(times).toEqual([...times].sort((a, b) => a - b));
				}
			),
			{ numRuns: 150 }
		);
	});
});
