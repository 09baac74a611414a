import { z } from 'zod';
import { PASSWORD_MAX } from '$lib/domain/account';
import { PUSH_MAX_OPS, SYNCED_TABLES } from '$lib/domain/sync-protocol';
import { INVITE_DAYS_MAX } from '$lib/domain/groups';
import { SCOPE_LIST_MAX, SCOPE_NAME_MAX } from '$lib/domain/questions';

/** Request bodies as the API accepts them; the first problem is reported with its path as `field`. */
export const credentialsSchema = z.object({
	login: z.string().max(64),
	password: z.string().max(PASSWORD_MAX * 4)
});

/** Changing the password (POST /api/auth/password). */
export const passwordChangeSchema = z.object({
	currentPassword: z.string().max(PASSWORD_MAX * 4),
	newPassword: z.string().max(PASSWORD_MAX * 4)
});

/** Setting a new password with an admin's one-time code (POST /api/auth/reset). */
export const passwordResetSchema = z.object({
	login: z.string().max(64),
	code: z.string().max(64),
	newPassword: z.string().max(PASSWORD_MAX * 4)
});

const HLC = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,64}$/;

export const pushSchema = z.object({
	schemaVersion: z.number().int(),
	ops: z
		.array(
			z.object({
				opId: z.string().min(8).max(64),
				table: z.enum(SYNCED_TABLES),
				recordId: z.string().min(1).max(64),
				patch: z.record(z.string().max(64), z.unknown()),
				hlc: z.string().regex(HLC, 'not a clock stamp')
			})
		)
		.max(PUSH_MAX_OPS, `at most ${PUSH_MAX_OPS} changes per push`),
	since: z.number().int().min(0).optional()
});

const sharingSchema = z.object({
	learning: z.boolean(),
	observations: z.boolean(),
	locations: z.boolean()
});

export const groupNameSchema = z.object({ name: z.string().max(200) });
export const joinSchema = z.object({ code: z.string().max(64), sharing: sharingSchema });
export const membershipSchema = z.object({ sharing: sharingSchema });
export const inviteSchema = z.object({
	days: z.number().int().min(1, 'from 1 to 90 days').max(INVITE_DAYS_MAX, 'from 1 to 90 days')
});
export const assignSchema = z.object({
	lessonId: z.string().min(1).max(64),
	dueAt: z.number().int().min(0)
});
const scopeNames = z
	.array(z.string().max(SCOPE_NAME_MAX, `at most ${SCOPE_NAME_MAX} characters`))
	.max(SCOPE_LIST_MAX, `at most ${SCOPE_LIST_MAX}`);
export const roleSchema = z.object({
	login: z.string().max(64),
	role: z.string().max(16),
	// an expert's scope (issue 22): the crops and counties whose questions they answer
	scope: z.optional(z.object({ crops: scopeNames, counties: scopeNames }))
});
export const loginSchema = z.object({ login: z.string().max(64) });
