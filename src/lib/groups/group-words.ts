import type { Sharing } from '$lib/domain/groups';
import { m } from '$lib/paraglide/messages.js';
import { HttpError } from '$lib/sync/transport';

/** A failed group action in plain words: what went wrong and what to do. */
export function groupErrorText(error: unknown): string {
	if (!(error instanceof HttpError)) return m.group_error_other();
	if (error.status === 0) return m.group_error_offline();
	const known: Record<string, () => string> = {
		invite_invalid: m.group_error_invite_invalid,
		invite_unknown: m.group_error_invite_unknown,
		invite_expired: m.group_error_invite_expired,
		own_group: m.group_error_own_group,
		too_many_attempts: m.group_error_too_many,
		name_empty: m.group_error_name,
		name_long: m.group_error_name,
		lesson_unknown: m.group_error_lesson,
		due_out_of_range: m.group_error_due,
		login_unknown: m.group_error_login_unknown,
		own_role: m.group_error_own_role,
		own_account: m.admin_reset_own,
		forbidden: m.group_error_forbidden,
		not_found: m.group_error_not_found,
		unauthenticated: m.group_error_signed_out
	};
	return (known[error.body?.error ?? ''] ?? m.group_error_other)();
}

/** What a member shares, in words: "学习记录、田间观察". */
export function sharingWords(s: Sharing): string {
	const parts = [
		s.learning ? m.group_share_learning() : '',
		s.observations ? m.group_share_observations() : '',
		s.locations ? m.group_share_locations() : ''
	].filter(Boolean);
	return parts.length ? parts.join(m.group_list_separator()) : m.group_share_nothing();
}
