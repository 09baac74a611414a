// express-pouchdb and pouchdb-node ship no types; the benchmark uses only this much of them.
declare module 'express-pouchdb' {
	import type { RequestHandler } from 'express';
	export default function expressPouchDB(
		pouch: unknown,
		options?: { mode?: string; logPath?: string; configPath?: string }
	): RequestHandler;
}
declare module 'pouchdb-node' {
	const PouchDB: { defaults(options: { prefix: string }): unknown };
	export default PouchDB;
}
// (@types/pouchdb-* would widen Node's Buffer types project-wide, so not those either)
declare module 'pouchdb-browser' {
	interface Replication {
		docs_written: number;
	}
	export default class PouchDB {
		constructor(name: string);
		bulkDocs(docs: object[]): Promise<unknown>;
		allDocs<T>(options: { include_docs: true }): Promise<{ rows: { doc?: T }[] }>;
		replicate: {
			to(target: string): Promise<Replication>;
			from(source: string): Promise<Replication>;
		};
	}
}
