/**
 * `npm run user:create -- --login admin --password '…' [--role admin|agent|farmer]`
 * Makes an account directly in the database (DATABASE_URL or SQLITE_PATH, as the server): the way to
 * make the first admin. The password may come from HEITU_PASSWORD instead of the command line.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../src/lib/domain/account';
import { AccountError, Accounts } from '../src/lib/server/auth/accounts';
import { createServerDb, migrateToLatest } from '../src/lib/server/db/database';

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

const { values } = parseArgs({
	options: {
		login: { type: 'string' },
		password: { type: 'string' },
		role: { type: 'string', default: 'farmer' }
	}
});
const password = values.password ?? process.env.HEITU_PASSWORD;
if (!values.login) fail('Give the login: --login <mobile number or user name>');
if (!password) fail('Give the password: --password <password> (or set HEITU_PASSWORD)');
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of: ${ROLES.join(', ')}`);

let server;
try {
	server = createServerDb({
		databaseUrl: process.env.DATABASE_URL,
		sqlitePath: process.env.SQLITE_PATH
	});
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
try {
	await migrateToLatest(server.db);
	const user = await new Accounts(server.db).createUser(
		values.login,
		password,
		values.role as Role
	);
	console.log(JSON.stringify({ created: user, database: server.location }));
} catch (error) {
	if (error instanceof AccountError) fail(`${error.field}: ${error.message}`);
	throw error;
} finally {
	await server.db.destroy();
}
