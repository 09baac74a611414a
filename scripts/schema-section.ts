/** The generated "Record schemas" block of docs/sync-protocol.md: where it is, and how to compare it. */
const START = /<!-- record-schemas:[^>]*-->\n/;
const END = '<!-- /record-schemas -->';

export function replaceSchemaSection(doc: string, section: string): string {
	const start = START.exec(doc);
	const end = doc.indexOf(END);
	if (!start || end < 0) throw new Error('docs/sync-protocol.md has no record-schemas markers');
	return doc.slice(0, start.index + start[0].length) + '\n' + section + '\n' + doc.slice(end);
}

export function schemaSection(doc: string): string {
	const start = START.exec(doc);
	const end = doc.indexOf(END);
	return start && end > 0 ? doc.slice(start.index + start[0].length, end) : '';
}

/** Text as Prettier may lay it out: table padding and dashes, spacing and wrapping do not count. */
export function normalised(markdown: string): string {
	return markdown.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim();
}
