import { json } from '@sveltejs/kit';
import { pushEnvelopeSchema } from '$lib/sync/protocol';
import { database } from '$lib/server/db';
import { checkBody, readJson, requireUser } from '$lib/server/http';
import { pushChanges } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireUser(locals);
	// Only the envelope is checked here: each change is bounded and validated on its own in
	// pushChanges, so one bad change is quarantined instead of wedging the device's queue.
	const body = await readJson(request, 'A push body is at most 2 MB: send smaller batches');
	const outcome = await pushChanges(database(), user, checkBody(body, pushEnvelopeSchema));
	return json(outcome.body, { status: outcome.status });
};
