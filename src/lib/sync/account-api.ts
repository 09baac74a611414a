import type { SyncedAccount } from '$lib/data/sync-store';
import { requestJson } from './transport';

/** The account endpoints (docs/sync-protocol.md, Accounts). Errors are HttpError with the server's code. */
export class AccountApi {
	readonly #fetch: typeof fetch;

	constructor(fetcher: typeof fetch = (input, init) => fetch(input, init)) {
		this.#fetch = fetcher;
	}

	async signUp(login: string, password: string): Promise<SyncedAccount> {
		const { user } = await requestJson<{ user: SyncedAccount }>(this.#fetch, '/api/auth/signup', {
			method: 'POST',
			body: JSON.stringify({ login, password })
		});
		return user;
	}

	async logIn(login: string, password: string): Promise<SyncedAccount> {
		const { user } = await requestJson<{ user: SyncedAccount }>(this.#fetch, '/api/auth/login', {
			method: 'POST',
			body: JSON.stringify({ login, password })
		});
		return user;
	}

	async logOut(): Promise<void> {
		await requestJson(this.#fetch, '/api/auth/logout', { method: 'POST', body: '{}' });
	}

	/** Ends every session of the account, this phone's too. */
	async logOutEverywhere(): Promise<void> {
		await requestJson(this.#fetch, '/api/auth/logout-everywhere', { method: 'POST', body: '{}' });
	}

	/** A new password; the server ends every other session of the account. */
	async changePassword(currentPassword: string, newPassword: string): Promise<void> {
		await requestJson(this.#fetch, '/api/auth/password', {
			method: 'POST',
			body: JSON.stringify({ currentPassword, newPassword })
		});
	}

	/** A new password with an admin's one-time code; signs in. */
	async resetWithCode(login: string, code: string, newPassword: string): Promise<SyncedAccount> {
		const { user } = await requestJson<{ user: SyncedAccount }>(this.#fetch, '/api/auth/reset', {
			method: 'POST',
			body: JSON.stringify({ login, code, newPassword })
		});
		return user;
	}
}
