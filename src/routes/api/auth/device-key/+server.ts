import { json } from '@sveltejs/kit';
import { deviceKeyOf } from '$lib/server/auth/device-key';
import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Beyond DESIGN.md §6: the signed-in user's device key, never cached. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	return json(
		{ key: await deviceKeyOf(database(), user.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
