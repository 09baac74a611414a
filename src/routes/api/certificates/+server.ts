import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { TRACKS } from '$lib/domain/lessons';
import { apiError, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const issueSchema = z.object({ track: z.enum(TRACKS) });

/** The account's certificates. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	return json(
		{ certificates: await services().certificates.list(locals.user.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};

/** Issues the track's certificate when the synced learning record shows every lesson mastered. */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) return apiError(401, { error: 'unauthenticated', message: 'Not signed in.' });
	const body = await readJson(request, issueSchema, 1024);
	if (!body.ok) return body.response;
	const outcome = await services().certificates.issue(locals.user.id, body.value.track);
	if (!outcome.ok && outcome.problem === 'name_needed') {
		return apiError(409, {
			error: 'name_needed',
			field: 'displayName',
			message:
				'Write the name to print on the certificate (your name in your profile) first, then sync and try again.'
		});
	}
	if (!outcome.ok) {
		return json(
			{
				error: 'not_mastered',
				message:
					'Not every lesson of this track is mastered on the server yet: sync, then try again.',
				missing: outcome.missing
			},
			{ status: 409 }
		);
	}
	return json({ certificate: outcome.certificate }, { status: outcome.created ? 201 : 200 });
};
