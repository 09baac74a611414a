import type { SyncProblem } from '$lib/sync';
import { m } from '$lib/paraglide/messages.js';

const problems: Record<SyncProblem, () => string> = {
	offline: m.sync_problem_offline,
	'signed-out': m.sync_problem_signed_out,
	'update-app': m.sync_problem_update_app,
	'server-older': m.sync_problem_server_older,
	rejected: m.sync_problem_rejected,
	'server-error': m.sync_problem_server_error,
	'storage-full': m.sync_problem_storage_full
};

/** A sync problem in plain words, with what to do. */
export function syncProblemText(problem: string): string {
	return (problems[problem as SyncProblem] ?? m.sync_problem_server_error)();
}

const accountErrors: Record<string, () => string> = {
	wrong_credentials: m.account_error_wrong_credentials,
	too_many_attempts: m.account_error_too_many_attempts,
	too_many_signups: m.account_error_too_many_signups,
	login_taken: m.account_error_login_taken,
	login_invalid: m.account_error_login_invalid,
	login_empty: m.account_error_login_empty,
	password_short: m.account_error_password_short,
	password_long: m.account_error_password_long,
	wrong_password: m.account_password_wrong_current,
	wrong_code: m.account_error_wrong_code
};

/** What went wrong signing in or up, from the server's error code (0 = no answer). */
export function accountErrorText(status: number, code: string | undefined): string {
	if (status === 0) return m.account_error_offline();
	return (accountErrors[code ?? ''] ?? m.account_error_other)();
}
