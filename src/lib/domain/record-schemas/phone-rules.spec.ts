/**
 * The phone's form rules and the record schemas agree: whatever a form lets through (validateLog with
 * cleanDetails, validateInput with cleanInput, checkFieldForm, the GeoJSON import) is a record the schema,
 * and so the server, takes. If a form let through what the server refuses, the farmer would save a change
 * that can never sync (fast-check: values in and out of every limit, text of any length).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanInput, INPUT_KINDS, validateInput, type FarmInputDraft } from '../farm-inputs';
import { cleanDetails, LOG_FORMS, LOG_TYPES, validateLog, type LogDraft } from '../field-logs';
import { checkFieldForm, type FieldForm } from '../fields';
import { parseFieldsGeoJson, polygonOf } from '../geometry';
import { changeProblems, PLANNED_AHEAD_MS } from './index';

const NOW = Date.UTC(2026, 11, 3, 2);
const PHONE = { slackMs: 10 * 60_000, plannedAheadMs: PLANNED_AHEAD_MS };
const synced = {
	id: 'r1',
	ownerId: '',
	hlc: '001796000000000-00000-phone',
	deleted: false,
	createdAt: NOW,
	updatedAt: NOW
};
const text = (max: number) => fc.string({ maxLength: max + 5 });
/** A number near a limit, or anything. */
const near = (max: number) =>
	fc.oneof(fc.double({ min: -10, max: max * 1.5, noNaN: true }), fc.constant(max), fc.constant(0));

const problemsOf = (table: 'logs' | 'inputs' | 'fields', record: Record<string, unknown>) =>
	changeProblems(table, undefined, record, record, NOW, PHONE);

describe('what the forms let through, the schemas take', () => {
	it('field records: every kind, every detail, any date', () => {
		const draft = fc.constantFrom(...LOG_TYPES).chain((type) =>
			fc.record({
				type: fc.constant(type),
				fieldId: fc.option(fc.uuid(), { nil: null }),
				status: fc.constantFrom('planned' as const, 'done' as const),
				at: fc.integer({ min: Date.UTC(1999, 0, 1), max: NOW + 3 * 365 * 86_400_000 }),
				notes: text(2000),
				point: fc.option(fc.record({ lat: near(90), lng: near(180), accuracy: near(10_000_000) }), {
					nil: null
				}),
				details: fc.record(
					Object.fromEntries(
						LOG_FORMS[type].map((f) => [
							f.key,
							f.kind === 'quantity'
								? fc.record({ value: near(f.max), unit: fc.constantFrom(...f.units) })
								: f.kind === 'choice'
									? fc.oneof(fc.constantFrom(...f.options), fc.string())
									: text(f.kind === 'text' ? (f.max ?? 200) : 64)
						])
					),
					{ requiredKeys: [] }
				)
			})
		);
		fc.assert(
			fc.property(draft, (d) => {
				const log = d as unknown as LogDraft;
				if (Object.keys(validateLog(log, NOW)).length) return;
				const record = { ...synced, ...log, details: cleanDetails(log.type, log.details) };
				expect(problemsOf('logs', record)).toEqual([]);
			}),
			{ numRuns: 2000 }
		);
	});

	it('inputs', () => {
		const draft = fc.record({
			kind: fc.constantFrom(...INPUT_KINDS),
			name: text(60),
			registrationNo: fc.oneof(text(60), fc.stringMatching(/^PD\d{8}$/)),
			npk: fc.oneof(text(20), fc.stringMatching(/^\d{1,2}-\d{1,2}-\d{1,2}$/)),
			activeIngredient: text(80),
			preHarvestDays: fc.option(near(365), { nil: null }),
			maxApplications: fc.option(near(20), { nil: null }),
			notes: text(2000)
		});
		fc.assert(
			fc.property(draft, (d) => {
				const input = d as FarmInputDraft;
				if (Object.keys(validateInput(input)).length) return;
				expect(problemsOf('inputs', { ...synced, ...cleanInput(input) })).toEqual([]);
			}),
			{ numRuns: 2000 }
		);
	});

	it('fields, typed or drawn, and fields imported from GeoJSON', () => {
		const corner = fc.tuple(
			fc.double({ min: 126, max: 126.05, noNaN: true }),
			fc.double({ min: 45.7, max: 45.75, noNaN: true })
		);
		const form = fc.record({
			name: text(40),
			method: fc.constantFrom('area' as const, 'draw' as const),
			areaMu: fc.oneof(fc.string({ maxLength: 8 }), near(100_000).map(String)),
			boundary: fc.array(corner, { minLength: 3, maxLength: 8 }).map((c) => polygonOf(c)),
			crop: text(20),
			variety: text(40),
			season: text(20)
		});
		fc.assert(
			fc.property(form, (f) => {
				const checked = checkFieldForm(f);
				if (!checked.ok) return;
				expect(problemsOf('fields', { ...synced, ...checked.value })).toEqual([]);
			}),
			{ numRuns: 1000 }
		);
		fc.assert(
			fc.property(
				fc.array(corner, { minLength: 3, maxLength: 8 }),
				fc.record({
					name: fc.string({ maxLength: 80 }),
					crop: fc.string({ maxLength: 40 }),
					variety: fc.string({ maxLength: 80 })
				}),
				(corners, props) => {
					const file = JSON.stringify({
						type: 'Feature',
						properties: props,
						geometry: polygonOf(corners)
					});
					const parsed = parseFieldsGeoJson(file, (i) => `地块 ${i + 1}`);
					if (!parsed.ok) return;
					for (const f of parsed.fields) {
						// as the import saves it (FieldsImportExport): its area from the boundary
						const checked = checkFieldForm({
							...f,
							method: 'draw',
							areaMu: '',
							name: f.name
						} as unknown as FieldForm);
						if (!checked.ok) continue;
						expect(problemsOf('fields', { ...synced, ...checked.value })).toEqual([]);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});
