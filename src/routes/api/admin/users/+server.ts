import { json } from '@sveltejs/kit';
import { newUserSchema } from '$lib/domain/user';
import { refuseWeakPassword } from '$lib/server/auth/password-policy';
import { database } from '$lib/server/db';
import { apiError, parseJsonBody, requireUser } from '$lib/server/http';
import { createUser, EmailTakenError, listUsers } from '$lib/server/users';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	requireUser(locals, ['admin']);
	return json({ users: await listUsers(database()) });
};

export const POST: RequestHandler = async ({ locals, request }) => {
	requireUser(locals, ['admin']);
	const input = await parseJsonBody(request, newUserSchema.superRefine(refuseWeakPassword));
	try {
		return json({ user: await createUser(database(), input) }, { status: 201 });
	} catch (e) {
		if (e instanceof EmailTakenError) return apiError(409, 'email-taken', e.message);
		throw e;
	}
};
