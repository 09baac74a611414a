import type { RefusedOp } from '$lib/data/db';
import type { SyncedAccount, SyncRunRecord } from '$lib/data/sync-store';
import type { DeviceSync, SyncProblem } from '$lib/sync';
import type { GroupClient } from '$lib/groups/group-client';
import type { SyncScheduler } from '$lib/sync/sync-scheduler';

/** Group views (dashboards) refresh after a sync at most this often, unless the user asks (立即同步). */
const GROUPS_EVERY_MS = 5 * 60_000;

/** Where the browser has Background Sync, it wakes the service worker when signal returns. */
async function askForBackgroundSync(): Promise<void> {
	try {
		const registration = await navigator.serviceWorker?.getRegistration();
		// SyncManager is Chromium-only, so it is typed here by hand
		const manager = (registration as unknown as { sync?: { register(tag: string): Promise<void> } })
			?.sync;
		await manager?.register('heitu-sync');
	} catch {
		// not offered here (Firefox, Safari) or refused: the other triggers still run
	}
}

/** How signing in or up ended: the server's status (0 = no answer) and error code when it failed. */
export type AccountOutcome = { ok: true } | { ok: false; status: number; code?: string };

function outcomeOf(error: unknown): AccountOutcome {
	const e = error as { status?: unknown; body?: { error?: unknown } | null } | null;
	const status = typeof e?.status === 'number' ? e.status : 0;
	const code = typeof e?.body?.error === 'string' ? e.body.error : undefined;
	return { ok: false, status, code };
}

/**
 * Sync and the account as the screens see them. Until `attach` (the data layer opens) it knows nothing;
 * without an account the device is local only and never syncs.
 */
export class SyncState {
	#sync: DeviceSync | null = null;
	#scheduler: SyncScheduler | null = null;
	#account = $state<SyncedAccount | null>(null);
	#running = $state(false);
	#problem = $state<SyncProblem | null>(null);
	#lastSyncedAt = $state<number | null>(null);
	#history = $state<SyncRunRecord[]>([]);
	#refused = $state<RefusedOp[]>([]);
	#photosHeld = $state(0);
	#stopListening: (() => void) | null = null;
	#groupsAt = 0;
	#groupsDue = true;
	#attached: (sync: DeviceSync) => void = () => undefined;
	readonly #whenAttached = new Promise<DeviceSync>((resolve) => (this.#attached = resolve));

	get account(): SyncedAccount | null {
		return this.#account;
	}
	get running(): boolean {
		return this.#running;
	}
	get problem(): SyncProblem | null {
		return this.#problem;
	}
	get lastSyncedAt(): number | null {
		return this.#lastSyncedAt;
	}
	get history(): SyncRunRecord[] {
		return this.#history;
	}
	/** Changes the server refused, kept aside on this phone (SyncStore.refuse), newest first. */
	get refused(): RefusedOp[] {
		return this.#refused;
	}
	/** Photos the server would not take at the last good sync (the account's photo space is full). */
	get photosHeld(): number {
		return this.#photosHeld;
	}

	/** Puts a refused change back in the outbox and syncs. */
	async retryRefused(opId: string): Promise<void> {
		await this.#required().store.retryRefused(opId);
		await this.syncNow(true);
		await this.#loadHistory();
	}
	/** Groups and dashboards (issue 9); null until the data layer opens. */
	get groups(): GroupClient | null {
		return this.#sync?.groups ?? null;
	}

	async attach(sync: DeviceSync, target: Window = window): Promise<void> {
		this.#sync = sync;
		this.#account = await sync.store.account();
		await this.#loadHistory();
		this.#scheduler = sync.scheduler(() => this.#runOnce());
		const onOnline = () => void this.syncNow();
		const onVisible = () => {
			if (target.document.visibilityState === 'visible') void this.syncNow();
		};
		const onWorkerMessage = (event: MessageEvent) => {
			if ((event.data as { type?: string } | null)?.type === 'SYNC') void this.syncNow();
		};
		target.addEventListener('online', onOnline);
		target.document.addEventListener('visibilitychange', onVisible);
		target.navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
		this.#attached(sync);
		this.#stopListening = () => {
			target.removeEventListener('online', onOnline);
			target.document.removeEventListener('visibilitychange', onVisible);
			target.navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
		};
		if (this.#account) void this.syncNow();
	}

	stop(): void {
		this.#scheduler?.stop();
		this.#stopListening?.();
	}

	/** Runs a sync now (every trigger; `asked`: the 立即同步 button, which also refreshes group views). */
	async syncNow(asked = false): Promise<void> {
		if (asked) this.#groupsDue = true;
		if (!this.#account || !this.#scheduler) return;
		await this.#scheduler.trigger();
	}

	/** Fetches a photo made on another device; false when it can't be had now (offline, not synced yet). */
	async download(hash: string): Promise<boolean> {
		if (!this.#sync || !this.#account) return false;
		try {
			await this.#sync.download(hash);
			return true;
		} catch {
			return false;
		}
	}

	/** A change was just saved: send it soon. */
	changed(): void {
		if (this.#account) void this.syncNow();
	}

	// a tap on sign-up or log-in before the data layer has opened waits for it rather than failing
	signUp(login: string, password: string): Promise<AccountOutcome> {
		return this.#signIn(async () => (await this.#whenAttached).accounts.signUp(login, password));
	}

	logIn(login: string, password: string): Promise<AccountOutcome> {
		return this.#signIn(async () => (await this.#whenAttached).accounts.logIn(login, password));
	}

	/** Sets a new password with the one-time code an admin gave, and signs in. */
	resetWithCode(login: string, code: string, newPassword: string): Promise<AccountOutcome> {
		return this.#signIn(async () =>
			(await this.#whenAttached).accounts.resetWithCode(login, code, newPassword)
		);
	}

	/** A new password; this phone stays signed in, every other one is signed out. */
	async changePassword(currentPassword: string, newPassword: string): Promise<AccountOutcome> {
		try {
			await this.#required().accounts.changePassword(currentPassword, newPassword);
			return { ok: true };
		} catch (error) {
			return outcomeOf(error);
		}
	}

	/**
	 * Signs out on every phone, this one too. Only once the server has done it: offline, nothing changes and
	 * the outcome says so (status 0), since signing out here alone would leave the other phones in.
	 */
	async logOutEverywhere(): Promise<AccountOutcome> {
		try {
			await this.#required().accounts.logOutEverywhere();
		} catch (error) {
			const outcome = outcomeOf(error);
			// already signed out on the server (another phone did it): this phone follows
			if (outcome.ok || outcome.status !== 401) return outcome;
		}
		await this.#forgetAccount();
		return { ok: true };
	}

	/** Signs out; the data stays on the phone (unsynced changes sync after the next sign-in). */
	async logOut(): Promise<void> {
		await this.#required()
			.accounts.logOut()
			.catch(() => undefined);
		await this.#forgetAccount();
	}

	async #forgetAccount(): Promise<void> {
		const sync = this.#required();
		await sync.groups.forget();
		this.#groupsDue = true;
		await sync.store.setAccount(null);
		this.#account = null;
		this.#problem = null;
	}

	async #signIn(ask: () => Promise<SyncedAccount>): Promise<AccountOutcome> {
		let account: SyncedAccount;
		try {
			account = await ask();
		} catch (error) {
			return outcomeOf(error);
		}
		await this.#required().store.setAccount(account);
		this.#account = account;
		this.#problem = null;
		this.#groupsDue = true;
		await this.syncNow();
		return { ok: true };
	}

	async #runOnce(): Promise<boolean> {
		const sync = this.#required();
		this.#running = true;
		try {
			const result = await sync.engine.run();
			this.#problem = result.problem ?? null;
			// only with no network at all: online, a registered sync fires at once and would loop on a dead server
			if (result.problem === 'offline' && !navigator.onLine) void askForBackgroundSync();
			if (result.ok) {
				this.#lastSyncedAt = Date.now();
				this.#photosHeld = result.photosHeld ?? 0;
				await this.#refreshGroups();
			}
			await this.#loadHistory();
			return result.ok;
		} finally {
			this.#running = false;
		}
	}

	/** After a good sync: what the user's groups show now, so a member who stopped sharing is dropped. */
	async #refreshGroups(): Promise<void> {
		const sync = this.#required();
		if (!this.#groupsDue && Date.now() - this.#groupsAt < GROUPS_EVERY_MS) return;
		try {
			const mine = await sync.groups.refresh();
			this.#groupsAt = Date.now();
			this.#groupsDue = false;
			// an admin may have made this user an agent since they signed in
			if (this.#account && mine.role !== this.#account.role) {
				this.#account = { ...this.#account, role: mine.role };
				await sync.store.setAccount($state.snapshot(this.#account));
			}
		} catch {
			// offline again, or an older server: the kept views stay until the next good sync
		}
	}

	async #loadHistory(): Promise<void> {
		this.#history = await this.#required().store.history();
		this.#refused = await this.#required().store.refusedOps();
		this.#lastSyncedAt = this.#history.find((run) => run.ok)?.at ?? null;
	}

	#required(): DeviceSync {
		if (!this.#sync) throw new Error('Sync is not ready yet');
		return this.#sync;
	}
}
