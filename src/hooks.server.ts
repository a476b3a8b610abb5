import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { readConfig } from '$lib/server/config';
import { describeDatabase, openDatabase, setDatabase, database } from '$lib/server/db';
import { validateSession } from '$lib/server/auth/sessions';
import { sessionCookie, sessionLifetimes } from '$lib/server/auth/cookie';
import { checkApiRequest } from '$lib/server/guard';
import { apiError } from '$lib/server/http';
import { bootstrapFirstAdmin } from '$lib/server/setup';

export const init: ServerInit = async () => {
	// Prerendering the app shell (src/routes/app-shell) needs no database and must not make one.
	if (building) return;
	const config = readConfig();
	const db = await openDatabase(config);
	setDatabase(db);
	const boot = await bootstrapFirstAdmin(db, config);
	if (boot.kind === 'admin-created')
		console.log(`Fieldbook: created the first admin, ${boot.email}`);
	if (boot.kind === 'setup-link') {
		console.log(`Fieldbook: no accounts yet. Create the first admin here (the link works once):`);
		console.log(`  ${boot.url}`);
	}
	console.log(`Fieldbook: database ${describeDatabase(config)}`);
};

export const handle: Handle = async ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/')) {
		const refusal = checkApiRequest(event.request, event.url);
		if (refusal) return apiError(refusal.status, refusal.code, refusal.message);
	}

	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(sessionCookie.name);
	if (token) {
		const session = await validateSession(database(), token, sessionLifetimes());
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
		} else {
			event.cookies.delete(sessionCookie.name, sessionCookie.options(event.url));
		}
	}

	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	if (event.url.pathname.startsWith('/api/')) response.headers.set('cache-control', 'no-store');
	return response;
};
