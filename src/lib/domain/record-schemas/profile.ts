/** `profile`: what the account shows of itself; one per account, id "me" (the profile form's limits). */
import * as z from 'zod/mini';
import { record, sha256, syncedShape, text, type SchemaMode } from './common';

export function profileSchema(mode: SchemaMode) {
	return record(
		{
			...syncedShape,
			id: z.literal('me', 'the profile is always "me"'),
			displayName: text(40),
			village: text(60),
			photo: z.optional(sha256())
		},
		mode
	);
}
