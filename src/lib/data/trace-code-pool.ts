/**
 * Trace codes the server keeps for this phone's account (POST /api/trace-codes/reserve, docs/sync-protocol.md
 * "Trace codes"): fetched while there is signal, at sign-in and at each sync when fewer than POOL_LOW are
 * left, and given to batches made here, offline too. No other account can claim a kept code, so a label
 * printed before its batch syncs is safe. With none left (long offline, many batches) a batch gets a code
 * made on the phone, which is the account's only once the phone syncs: the print page says so.
 */
import type { HeituDb } from './db';

/** How many kept codes the phone holds after a top-up, and below how many it asks for more. */
export const POOL_SIZE = 10;
export const POOL_LOW = 5;

/** A kept code on this phone: `used` 1 once a batch here took it (so the code stays known as kept). */
export interface KeptCode {
	code: string;
	accountId: string;
	reservedAt: number;
	used: 0 | 1;
}

/** When a sync found a batch's code taken and gave it a new one: shown until the farmer has read it. */
export interface CodeChange {
	batchId: string;
	from: string;
	to: string;
	at: number;
}

const ACCOUNT_KEY = 'account';
export const CODE_CHANGES_KEY = 'codeChanges';

async function accountId(db: HeituDb): Promise<string | null> {
	const account = (await db.meta.get(ACCOUNT_KEY))?.value as { id?: unknown } | undefined;
	return typeof account?.id === 'string' ? account.id : null;
}

/**
 * A kept code of the signed-in account that no batch here has, marked used; null when none is left (or no
 * one is signed in). Call inside a transaction over traceCodes, batches and meta.
 */
export async function takeKeptCode(db: HeituDb): Promise<string | null> {
	const owner = await accountId(db);
	if (!owner) return null;
	for (;;) {
		const row = await db.traceCodes.where('[accountId+used]').equals([owner, 0]).first();
		if (!row) return null;
		await db.traceCodes.update(row.code, { used: 1 });
		if ((await db.batches.where('code').equals(row.code).count()) === 0) return row.code;
	}
}

/** How many more codes to ask the server for now: 0 while enough are left or no one is signed in. */
export async function keptCodesWanted(db: HeituDb): Promise<number> {
	const owner = await accountId(db);
	if (!owner) return 0;
	const left = await db.traceCodes.where('[accountId+used]').equals([owner, 0]).count();
	return left < POOL_LOW ? POOL_SIZE - left : 0;
}

/** Keeps codes the server gave the signed-in account (one it gave before keeps its row). */
export async function keepCodes(db: HeituDb, codes: string[], now: number): Promise<void> {
	await db.transaction('rw', [db.traceCodes, db.meta], async () => {
		const owner = await accountId(db);
		if (!owner) return;
		for (const code of codes) {
			if (await db.traceCodes.get(code)) continue;
			await db.traceCodes.add({ code, accountId: owner, reservedAt: now, used: 0 });
		}
	});
}

export async function codeChanges(db: HeituDb): Promise<CodeChange[]> {
	const value = (await db.meta.get(CODE_CHANGES_KEY))?.value;
	return Array.isArray(value) ? (value as CodeChange[]) : [];
}

/** Notes that a batch's code changed (the first code is kept: the one on labels already printed). */
export async function noteCodeChange(db: HeituDb, change: CodeChange): Promise<void> {
	const list = await codeChanges(db);
	const earlier = list.find((c) => c.batchId === change.batchId);
	const next = list.filter((c) => c.batchId !== change.batchId);
	next.push({ ...change, from: earlier?.from ?? change.from });
	await db.meta.put({ key: CODE_CHANGES_KEY, value: next });
}
