// See https://svelte.dev/docs/kit/types#app.d.ts
import type { User } from '$lib/server/auth/accounts';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user, from the session cookie; null when signed out. */
			user: User | null;
			/** The raw session token, for logout. */
			sessionToken: string | null;
		}
	}
}

export {};
