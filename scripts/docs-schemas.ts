/**
 * `npm run docs:schemas`: writes the record schemas, in words, into docs/sync-protocol.md between its
 * `record-schemas` markers (src/lib/domain/record-schemas/describe.ts), then formats the file with Prettier.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { recordSchemasMarkdown } from '../src/lib/domain/record-schemas/describe';
import { replaceSchemaSection } from './schema-section';

const FILE = 'docs/sync-protocol.md';
writeFileSync(FILE, replaceSchemaSection(readFileSync(FILE, 'utf8'), recordSchemasMarkdown()));
execFileSync('npx', ['prettier', '--write', FILE], { stdio: 'inherit' });
