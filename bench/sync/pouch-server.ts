/**
 * `tsx bench/sync/pouch-server.ts <port> <dir>`: the CouchDB-protocol peer for bench/sync.ts, in its own
 * process as the Heitu server is: express-pouchdb over PouchDB's LevelDB store, kept on disk in <dir>.
 */
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-node';
import { join } from 'node:path';

const [port, dir] = process.argv.slice(2);
if (!port || !dir) throw new Error('usage: pouch-server.ts <port> <dir>');
const LevelPouch = PouchDB.defaults({ prefix: `${dir}/` });
const app = express();
app.use(
	'/',
	expressPouchDB(LevelPouch, {
		mode: 'minimumForPouchDB',
		logPath: join(dir, 'log.txt'),
		configPath: join(dir, 'config.json')
	})
);
app.listen(Number(port), '127.0.0.1', () => console.log('listening'));
