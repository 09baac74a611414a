/**
 * Runs in the benchmark's Chromium page: the same logs kept in PouchDB (IndexedDB) and replicated with the
 * CouchDB protocol to the express-pouchdb server behind the metered link.
 */
import PouchDB from 'pouchdb-browser';
import { v7 as uuidv7 } from 'uuid';
import { benchLogs } from './logs';

const db = new PouchDB('pouch-bench');
const remote = `${location.origin}/heitu`;

const bench = {
	async write(count: number): Promise<void> {
		const docs = benchLogs(count).map((log) => ({ _id: uuidv7(), ...log }));
		for (let i = 0; i < docs.length; i += 500) await db.bulkDocs(docs.slice(i, i + 500));
	},
	async push(): Promise<number> {
		return (await db.replicate.to(remote)).docs_written;
	},
	async pull(): Promise<number> {
		return (await db.replicate.from(remote)).docs_written;
	},
	async notes(): Promise<string[]> {
		const all = await db.allDocs<{ at: number; notes: string }>({ include_docs: true });
		return all.rows
			.flatMap((row) => (row.doc ? [row.doc] : []))
			.sort((a, b) => a.at - b.at)
			.map((doc) => doc.notes);
	}
};

Object.assign(globalThis, { bench });
