import { z } from 'zod';
import { database } from '$lib/server/db';
import { apiError, jsonAnswer, requireUser } from '$lib/server/http';
import { BadCursor, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, pullChanges } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

const limitSchema = z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT);

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals);
	const limit = limitSchema.safeParse(url.searchParams.get('limit') ?? undefined);
	if (!limit.success)
		return apiError(400, 'invalid', `limit is a whole number from 1 to ${MAX_PULL_LIMIT}`, {
			fields: { limit: 'Out of range' }
		});
	try {
		const since = url.searchParams.get('since');
		return jsonAnswer(await pullChanges(database(), user, since, limit.data));
	} catch (e) {
		if (e instanceof BadCursor)
			return apiError(400, 'invalid', e.message, { fields: { since: e.message } });
		throw e;
	}
};
