import { createHash, randomBytes, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import {
	checkLogin,
	checkPassword,
	normalizeLogin,
	normalizeResetCode,
	RESET_CODE_DIGITS,
	RESET_CODE_HOURS,
	ROLES,
	SESSION_DAYS,
	type Role
} from '$lib/domain/account';
import type { ServerSchema } from '../db/schema';
import { log } from '../log';
import { hashPassword, verifyPassword } from './passwords';

export interface User {
	id: string;
	login: string;
	role: Role;
}

export class AccountError extends Error {
	constructor(
		readonly code: string,
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

/** A hash of a random password no one knows, made once per process: what an unknown login is checked against. */
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('base64')));
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Stands in for the password while a reset code is out: no password verifies against it. */
const NO_PASSWORD = 'reset';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Accounts and sessions. The clock is injected so expiry is testable. */
export class Accounts {
	readonly #db: Kysely<ServerSchema>;
	readonly #now: () => number;

	constructor(db: Kysely<ServerSchema>, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	async createUser(rawLogin: string, password: string, role: Role = 'farmer'): Promise<User> {
		const loginProblem = checkLogin(rawLogin);
		if (loginProblem)
			throw new AccountError(
				loginProblem,
				'login',
				'Use a mobile number or a user name of 3 to 32 letters, digits or _.'
			);
		const passwordProblem = checkPassword(password);
		if (passwordProblem)
			throw new AccountError(
				passwordProblem,
				'password',
				'The password needs 8 to 128 characters.'
			);
		const login = normalizeLogin(rawLogin);
		const existing = await this.#db
			.selectFrom('users')
			.select('id')
			.where('login', '=', login)
			.executeTakeFirst();
		if (existing)
			throw new AccountError('login_taken', 'login', 'An account with this login already exists.');
		const user: User = { id: uuidv7(), login, role };
		await this.#db
			.insertInto('users')
			.values({ ...user, password_hash: await hashPassword(password), created_at: this.#now() })
			.execute();
		return user;
	}

	/** The user, or null for a wrong login or password (the caller must not say which). */
	async authenticate(rawLogin: string, password: string): Promise<User | null> {
		const row = await this.#db
			.selectFrom('users')
			.selectAll()
			.where('login', '=', normalizeLogin(rawLogin))
			.executeTakeFirst();
		if (!row) {
			// the same scrypt work as for a real account, so the answer's time does not tell which logins exist
			await verifyPassword(password, await dummyHash());
			return null;
		}
		if (!(await verifyPassword(password, row.password_hash))) return null;
		return { id: row.id, login: row.login, role: roleOf(row.role) };
	}

	/** A new session; returns the token for the cookie. */
	async startSession(userId: string): Promise<{ token: string; expiresAt: number }> {
		const token = randomBytes(32).toString('base64url');
		const now = this.#now();
		const expiresAt = now + SESSION_DAYS * DAY_MS;
		await this.#db
			.insertInto('sessions')
			.values({ id: hashToken(token), user_id: userId, created_at: now, expires_at: expiresAt })
			.execute();
		return { token, expiresAt };
	}

	/**
	 * The session's user, or null. Each use more than a day after the last pushes expiry out again, so a
	 * phone that comes back now and then stays logged in.
	 */
	async resumeSession(token: string): Promise<{ user: User; expiresAt: number } | null> {
		const id = hashToken(token);
		const row = await this.#db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select(['users.id', 'users.login', 'users.role', 'sessions.expires_at'])
			.where('sessions.id', '=', id)
			.executeTakeFirst();
		const now = this.#now();
		if (!row) return null;
		if (row.expires_at <= now) {
			await this.#db.deleteFrom('sessions').where('id', '=', id).execute();
			return null;
		}
		let expiresAt = row.expires_at;
		if (expiresAt - now < (SESSION_DAYS - 1) * DAY_MS) {
			expiresAt = now + SESSION_DAYS * DAY_MS;
			await this.#db
				.updateTable('sessions')
				.set({ expires_at: expiresAt })
				.where('id', '=', id)
				.execute();
		}
		return { user: { id: row.id, login: row.login, role: roleOf(row.role) }, expiresAt };
	}

	async endSession(token: string): Promise<void> {
		await this.#db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
	}

	/** Ends every session of the account, on every phone (在所有手机上退出). */
	async endAllSessions(userId: string): Promise<void> {
		await this.#db.deleteFrom('sessions').where('user_id', '=', userId).execute();
	}

	/**
	 * A new password, given the current one: false (nothing changed) when the current one is wrong. Every other
	 * session of the account ends; the one with `keepToken` (this phone) stays.
	 */
	async changePassword(
		userId: string,
		keepToken: string,
		currentPassword: string,
		newPassword: string
	): Promise<boolean> {
		checkNewPassword(newPassword);
		const row = await this.#db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!row || !(await verifyPassword(currentPassword, row.password_hash))) return false;
		const hash = await hashPassword(newPassword);
		await this.#db.transaction().execute(async (tx) => {
			await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
			await tx
				.deleteFrom('sessions')
				.where('user_id', '=', userId)
				.where('id', '!=', hashToken(keepToken))
				.execute();
		});
		return true;
	}

	/**
	 * An admin's one-time code for the account with this login (null: no such account). From now on only the
	 * code opens the account: the old password stops working and every session ends. The code is kept as a
	 * scrypt hash, lasts RESET_CODE_HOURS and replaces any code given before.
	 */
	async issueResetCode(
		rawLogin: string,
		byUserId = ''
	): Promise<{ login: string; code: string; expiresAt: number } | null> {
		const login = normalizeLogin(rawLogin);
		const user = await this.#db
			.selectFrom('users')
			.select('id')
			.where('login', '=', login)
			.executeTakeFirst();
		if (!user) return null;
		const code = String(randomInt(0, 10 ** RESET_CODE_DIGITS)).padStart(RESET_CODE_DIGITS, '0');
		const now = this.#now();
		const expiresAt = now + RESET_CODE_HOURS * HOUR_MS;
		const codeHash = await hashPassword(code);
		await this.#db.transaction().execute(async (tx) => {
			await tx.deleteFrom('password_resets').where('user_id', '=', user.id).execute();
			await tx
				.insertInto('password_resets')
				.values({
					user_id: user.id,
					code_hash: codeHash,
					created_by: byUserId,
					created_at: now,
					expires_at: expiresAt
				})
				.execute();
			await tx
				.updateTable('users')
				.set({ password_hash: NO_PASSWORD })
				.where('id', '=', user.id)
				.execute();
			await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
		});
		return { login, code, expiresAt };
	}

	/**
	 * Sets a new password with an admin's one-time code: the user, or null for a wrong, expired or used code
	 * (the caller must not say which). The code is used up; a new password that breaks the rules is refused
	 * first and leaves the code as it was.
	 */
	async resetWithCode(
		rawLogin: string,
		rawCode: string,
		newPassword: string
	): Promise<User | null> {
		checkNewPassword(newPassword);
		const row = await this.#db
			.selectFrom('password_resets')
			.innerJoin('users', 'users.id', 'password_resets.user_id')
			.select([
				'users.id',
				'users.login',
				'users.role',
				'password_resets.code_hash',
				'password_resets.expires_at'
			])
			.where('users.login', '=', normalizeLogin(rawLogin))
			.executeTakeFirst();
		if (!row || row.expires_at <= this.#now()) return null;
		if (!(await verifyPassword(normalizeResetCode(rawCode), row.code_hash))) return null;
		const hash = await hashPassword(newPassword);
		const used = await this.#db.transaction().execute(async (tx) => {
			// two tries at once with the right code: only the one that takes the row sets the password
			const taken = await tx
				.deleteFrom('password_resets')
				.where('user_id', '=', row.id)
				.where('code_hash', '=', row.code_hash)
				.executeTakeFirst();
			if (Number(taken.numDeletedRows) !== 1) return false;
			await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', row.id).execute();
			await tx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
			return true;
		});
		return used ? { id: row.id, login: row.login, role: roleOf(row.role) } : null;
	}
}

function checkNewPassword(password: string): void {
	const problem = checkPassword(password);
	if (problem)
		throw new AccountError(problem, 'newPassword', 'The password needs 8 to 128 characters.');
}

/** A stored role as the app knows it; anything else (a damaged row) counts as the least: a farmer. */
function roleOf(stored: string): Role {
	const role = ROLES.find((r) => r === stored);
	if (role) return role;
	log.warn('unknown role in the users table: treated as farmer', { role: stored });
	return 'farmer';
}
