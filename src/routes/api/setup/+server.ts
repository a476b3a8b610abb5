import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { label } from '$lib/domain/common';
import { emailSchema, passwordSchema } from '$lib/domain/user';
import { setSessionCookie, sessionLifetimes } from '$lib/server/auth/cookie';
import { refuseWeakPassword } from '$lib/server/auth/password-policy';
import { createSession } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';
import { apiError, parseJsonBody } from '$lib/server/http';
import { completeSetup, setupTokenValid } from '$lib/server/setup';
import type { RequestHandler } from './$types';

const tokenSchema = z.string().min(20).max(100);
const setupSchema = z
	.object({
		token: tokenSchema,
		email: emailSchema,
		name: label(120),
		password: passwordSchema
	})
	.superRefine(refuseWeakPassword);

/** Whether a setup link still works, so the page can say so before anyone types. */
export const GET: RequestHandler = async ({ url }) => {
	const token = tokenSchema.safeParse(url.searchParams.get('token'));
	return json({ valid: token.success && (await setupTokenValid(database(), token.data)) });
};

/** Creates the first admin with the one-time link printed at start, and signs them in. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const { token, ...admin } = await parseJsonBody(request, setupSchema);
	const db = database();
	const user = await completeSetup(db, token, admin);
	if (!user) return apiError(403, 'setup-link-used', 'This setup link has been used or replaced');
	const session = await createSession(db, user.id, sessionLifetimes());
	setSessionCookie(cookies, url, session.token, session.expiresAt);
	return json({ user }, { status: 201 });
};
