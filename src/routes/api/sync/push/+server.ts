import { json } from '@sveltejs/kit';
import { MAX_BODY_BYTES, pushEnvelopeSchema } from '$lib/sync/protocol';
import { database } from '$lib/server/db';
import { apiError, parseJsonBody, requireUser } from '$lib/server/http';
import { pushChanges } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireUser(locals);
	if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
		// Read it (bounded by BODY_SIZE_LIMIT) but never parse it: answering mid-upload resets the
		// connection, which a device would take for a network failure and retry for ever.
		await request.arrayBuffer().catch(() => undefined);
		return apiError(413, 'too-large', 'A push body is at most 2 MB: send smaller batches');
	}
	const body = await parseJsonBody(request, pushEnvelopeSchema);
	const outcome = await pushChanges(database(), user, body);
	return json(outcome.body, { status: outcome.status });
};
