import { Accounts } from './auth/accounts';
import { getServerDb } from './db/instance';
import { SyncService } from './sync/sync-service';

/** The services of this server process, made once the database is open. */
export interface Services {
	accounts: Accounts;
	sync: SyncService;
}

let current: Services | null = null;

export function services(): Services {
	if (current) return current;
	const server = getServerDb();
	if (!server) throw new Error('The database is not open yet.');
	current = { accounts: new Accounts(server.db), sync: new SyncService(server) };
	return current;
}
