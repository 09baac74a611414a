import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { normalizeLogin } from '$lib/domain/account';
import { apiError } from '../api';
import type { ServerSchema } from '../db/schema';

/**
 * Rate limits, kept in the database (table rate_limits) so every server process on one database counts the
 * same tries and a restart forgets nothing. A try is counted BEFORE the password (or code) is checked, in one
 * atomic upsert, so tries sent at once, to one process or to several, can never slip past the limit; a try
 * that turns out right is taken back (forgive) or clears the count (a right password for its login).
 *
 * Each key allows `max` tries in a window of `windowMs` from its first try; the try that reaches `max` locks
 * the key for `lockMs` from then on, and further tries are refused (429 with Retry-After) without counting.
 * Old rows are deleted as they expire.
 */
export const MAX_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 30;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
/**
 * Sign-ups (made or "login taken") from one address per window. A village training session has tens of
 * farmers on one wifi or signing up on the trainer's phone, each taking a minute or more to type; sixty in
 * a quarter of an hour lets such a room through, while someone asking which numbers have accounts gets
 * sixty answers per quarter of an hour instead of hundreds a second.
 */
export const MAX_SIGNUPS = 60;

export interface Limit {
	/** What is counted: `login:<normalised login>`, `address:<address>`, ... */
	key: string;
	max: number;
	windowMs: number;
	lockMs: number;
}

export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

const limit = (key: string, max: number): Limit => ({
	key,
	max,
	windowMs: WINDOW_MS,
	lockMs: LOCK_MS
});

/** The limits every route shares: one count per login, per address, per user joining groups. */
export const limitFor = {
	/** Wrong passwords for one login, however it is written (normalizeLogin). */
	login: (rawLogin: string) => limit(`login:${normalizeLogin(rawLogin)}`, MAX_FAILURES),
	/** Wrong secrets (passwords, invitation codes) from one address (addressOf), across logins. */
	wrongGuesses: (address: string) => limit(`address:${addressOf(address)}`, MAX_ADDRESS_FAILURES),
	/** Wrong invitation codes from one signed-in user. */
	joins: (userId: string) => limit(`join:${userId}`, MAX_FAILURES),
	/** Sign-ups from one address. */
	signups: (address: string) => limit(`signup:${addressOf(address)}`, MAX_SIGNUPS)
};

/**
 * The address a limit counts: IPv4 as it is (also written as ::ffff:a.b.c.d), IPv6 by its /64 network,
 * since one home or phone is given a whole /64 and could try from a new address each time.
 */
export function addressOf(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	if (!isIPv6(address)) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('::');
	const front = head ? head.split(':') : [];
	const back = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back]
		: front;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/** Keys longer than this (an odd proxy header) are kept as their hash. */
const KEY_MAX = 200;
const stored = (key: string) =>
	key.length <= KEY_MAX ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
const PRUNE_EVERY_MS = 60_000;

export class Limits {
	readonly #db: Kysely<ServerSchema>;
	readonly #now: () => number;
	#prunedAt = -Infinity;

	constructor(db: Kysely<ServerSchema>, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	/** Counts one try against each limit, in order; refused (and nothing counted) if any is used up. */
	async attempt(limits: readonly Limit[]): Promise<Attempt> {
		const now = this.#now();
		await this.#prune(now);
		const counted: Limit[] = [];
		for (const l of limits) {
			const { tries, reset_at } = await this.#count(l, now);
			if (tries > l.max) {
				await this.forgive([...counted, l]);
				return { allowed: false, retryAfterMs: Math.max(1, reset_at - now) };
			}
			counted.push(l);
		}
		return { allowed: true };
	}

	/** Takes back one counted try of each: it was not a wrong guess. */
	async forgive(limits: readonly Limit[]): Promise<void> {
		for (const l of limits)
			await this.#db
				.updateTable('rate_limits')
				.set({ tries: sql<number>`tries - 1` })
				.where('key', '=', stored(l.key))
				.where('tries', '>', 0)
				.execute();
	}

	/** The count starts again (a right password for this login). */
	async clear(l: Limit): Promise<void> {
		await this.#db.deleteFrom('rate_limits').where('key', '=', stored(l.key)).execute();
	}

	/** One atomic upsert: a new window, one more try, and the lock when this try reaches the maximum. */
	#count(l: Limit, now: number): Promise<{ tries: number; reset_at: number }> {
		const fresh = now + (l.max <= 1 ? l.lockMs : l.windowMs);
		const over = sql`rate_limits.reset_at <= ${now}`;
		return this.#db
			.insertInto('rate_limits')
			.values({ key: stored(l.key), tries: 1, reset_at: fresh })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({
					tries: sql<number>`case when ${over} then 1 else rate_limits.tries + 1 end`,
					reset_at: sql<number>`case when ${over} then ${fresh} when rate_limits.tries + 1 = ${l.max} then ${now + l.lockMs} else rate_limits.reset_at end`
				})
			)
			.returning(['tries', 'reset_at'])
			.executeTakeFirstOrThrow();
	}

	async #prune(now: number): Promise<void> {
		if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
		this.#prunedAt = now;
		await this.#db.deleteFrom('rate_limits').where('reset_at', '<=', now).execute();
	}
}

/** The 429 answer, with Retry-After in whole seconds and the message in plain words. */
export function tooMany(
	attempt: { retryAfterMs: number },
	error: 'too_many_attempts' | 'too_many_signups',
	message: string
): Response {
	const response = apiError(429, { error, message });
	response.headers.set('Retry-After', String(Math.ceil(attempt.retryAfterMs / 1000)));
	return response;
}
