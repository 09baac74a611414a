import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import {
	checkLogin,
	checkPassword,
	normalizeLogin,
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** A hash of a random password no one knows, made once per process: what an unknown login is checked against. */
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('base64')));
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
}

/** A stored role as the app knows it; anything else (a damaged row) counts as the least: a farmer. */
function roleOf(stored: string): Role {
	const role = ROLES.find((r) => r === stored);
	if (role) return role;
	log.warn('unknown role in the users table: treated as farmer', { role: stored });
	return 'farmer';
}
