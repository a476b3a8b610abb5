import { sessionCookie } from '$lib/server/auth/cookie';
import { deleteSession } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionId) await deleteSession(database(), locals.sessionId);
	cookies.delete(sessionCookie.name, sessionCookie.options(url));
	return new Response(null, { status: 204 });
};
