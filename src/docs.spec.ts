import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordSchemasMarkdown } from '$lib/domain/record-schemas/describe';
import { isTraceCode } from '$lib/domain/trace-code';
import { LATEST_MIGRATION } from '$lib/server/db/migrations';
import { normalised, schemaSection } from '../scripts/schema-section';

const DOCS = ['README.md', ...readdirSync('docs').map((name) => `docs/${name}`)].filter((path) =>
	path.endsWith('.md')
);

describe('docs/sync-protocol.md', () => {
	it('states each table’s schema as the schemas are (npm run docs:schemas writes it)', () => {
		const doc = readFileSync('docs/sync-protocol.md', 'utf8');
		expect(normalised(schemaSection(doc))).toBe(normalised(recordSchemasMarkdown()));
	});

	it('shows the health answer with the migration the server ends at', () => {
		const doc = readFileSync('docs/sync-protocol.md', 'utf8');
		const shown = [...doc.matchAll(/"migration": "([^"]+)"/g)].map((m) => m[1]);
		expect(shown.length).toBeGreaterThan(0);
		expect(shown).toEqual(shown.map(() => LATEST_MIGRATION));
	});
});

describe('the README and docs', () => {
	it('give only trace codes that pass their check character', () => {
		const examples: string[] = [];
		for (const path of DOCS) {
			const text = readFileSync(path, 'utf8');
			// shown as people read them (XXXX-XXX-XXX) or as on the wire (10 characters, upper case)
			for (const [code] of text.matchAll(/\b[2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3}\b/g))
				if (code !== 'XXXX-XXX-XXX') examples.push(`${path}: ${code}`);
			for (const [, code] of text.matchAll(/\/t\/([0-9A-Za-z-]+)/g))
				examples.push(`${path}: ${code!.toUpperCase()}`);
			for (const [, code] of text.matchAll(/"code": "([^"]*)"/g)) examples.push(`${path}: ${code}`);
		}
		expect(examples.length).toBeGreaterThan(0);
		const wrong = examples.filter((e) => !isTraceCode(e.split(': ')[1]!.replaceAll('-', '')));
		expect(wrong).toEqual([]);
	});
});
