import { json } from '@sveltejs/kit';
import { loginSchema } from '$lib/domain/user';
import { setSessionCookie, sessionLifetimes } from '$lib/server/auth/cookie';
import { checkLogin } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';
import { apiError, parseJsonBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
	const input = await parseJsonBody(request, loginSchema);
	const db = database();
	const result = await checkLogin(db, input, getClientAddress());
	if (!result.ok) {
		if (result.reason === 'too-many-attempts') {
			const minutes = Math.ceil(result.retryAfter / 60);
			return apiError(
				429,
				result.reason,
				`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
				{ retryAfter: result.retryAfter },
				{ 'retry-after': String(result.retryAfter) }
			);
		}
		const message =
			result.reason === 'account-disabled'
				? 'This account is disabled. Ask an administrator.'
				: 'Wrong e-mail or password';
		return apiError(401, result.reason, message);
	}
	const session = await createSession(db, result.user.id, sessionLifetimes());
	setSessionCookie(cookies, url, session.token, session.expiresAt);
	return json({ user: result.user });
};
