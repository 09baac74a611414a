import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordSchemasMarkdown } from '$lib/domain/record-schemas/describe';
import { normalised, schemaSection } from '../scripts/schema-section';

describe('docs/sync-protocol.md', () => {
	it('states each table’s schema as the schemas are (npm run docs:schemas writes it)', () => {
		const doc = readFileSync('docs/sync-protocol.md', 'utf8');
		expect(normalised(schemaSection(doc))).toBe(normalised(recordSchemasMarkdown()));
	});
});
