/**
 * Account rules shared by the sign-up form and the server. A login is a mainland mobile number (11 digits,
 * starting with 1) or a user name; both are stored in one normalised form so either finds the account.
 */
export const ROLES = ['farmer', 'agent', 'expert', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** A login lasts this long after its last use: a farmer offline for weeks is never locked out (≥ 90 days). */
export const SESSION_DAYS = 180;
/** An admin's one-time code to set a new password (issue 19): digits, to read out over the phone. */
export const RESET_CODE_DIGITS = 8;
export const RESET_CODE_HOURS = 24;

/** A one-time code as typed: spaces, dashes and full-width digits are fine. */
export function normalizeResetCode(raw: string): string {
	return raw
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/[\s-]/g, '');
}

export type LoginProblem = 'login_empty' | 'login_invalid';
export type PasswordProblem = 'password_short' | 'password_long';

/**
 * The one form a login is stored, looked up and rate-limited under. NFKC turns full-width digits, letters,
 * ＋ and the ideographic space into plain ones; a mobile number may carry +86, 86 or 0086 in front and
 * spaces, dashes or brackets anywhere, as phones and people write them.
 */
export function normalizeLogin(raw: string): string {
	const trimmed = raw.normalize('NFKC').trim();
	const digits = trimmed.replace(/[\s()\-\u2010-\u2015\u2212]/g, '');
	if (/^(?:\+?86|0086)?1\d{10}$/.test(digits)) return digits.slice(-11);
	return trimmed.toLowerCase();
}

export function checkLogin(raw: string): LoginProblem | null {
	const login = normalizeLogin(raw);
	if (login === '') return 'login_empty';
	if (/^1\d{10}$/.test(login)) return null;
	return /^[a-z][a-z0-9_]{2,31}$/.test(login) ? null : 'login_invalid';
}

export function checkPassword(password: string): PasswordProblem | null {
	if ([...password].length < PASSWORD_MIN) return 'password_short';
	if ([...password].length > PASSWORD_MAX) return 'password_long';
	return null;
}
