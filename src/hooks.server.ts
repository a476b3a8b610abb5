import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { readConfig } from '$lib/server/config';
import { describeDatabase, openDatabase, setDatabase, database } from '$lib/server/db';
import { validateSession } from '$lib/server/auth/sessions';
import { sessionCookie, sessionLifetimes } from '$lib/server/auth/cookie';
import { checkApiRequest } from '$lib/server/guard';
import { apiError, jsonErrors } from '$lib/server/http';
import { bootstrapFirstAdmin } from '$lib/server/setup';
import { useBlobDir } from '$lib/server/sync/store';

export const init: ServerInit = async () => {
	// Prerendering the app shell (src/routes/app-shell) needs no database and must not make one.
	if (building) return;
	const config = readConfig();
	const db = await openDatabase(config);
	setDatabase(db);
	useBlobDir(config.blobDir);
	const boot = await bootstrapFirstAdmin(db, config);
	if (boot.kind === 'admin-created')
		console.log(`Fieldbook: created the first admin, ${boot.email}`);
	if (boot.kind === 'setup-link') {
		console.log(`Fieldbook: no accounts yet. Create the first admin here (the link works once):`);
		console.log(`  ${boot.url}`);
	}
	console.log(`Fieldbook: database ${describeDatabase(config)}`);
	if (config.blobDir) console.log(`Fieldbook: photos in ${config.blobDir}`);
};

export const handle: Handle = async (input) => {
	if (!input.event.url.pathname.startsWith('/api/')) return withSession(input);
	const refusal = checkApiRequest(input.event.request, input.event.url);
	if (refusal) return apiError(refusal.status, refusal.code, refusal.message);
	// Every /api answer is JSON, errors included: an unknown path or a failure here would
	// otherwise get SvelteKit's HTML page, which no API client can read (issue 12).
	try {
		return jsonErrors(await withSession(input));
	} catch (e) {
		console.error(e);
		return apiError(500, 'internal', serverFailed);
	}
};

const serverFailed =
	'The server failed on this request. Try again; if it happens again, tell an administrator';

/** Unexpected errors: logged here, and shown to anyone (page or API) as one plain sentence. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { error: 'not-found', message };
	console.error(error);
	return { error: 'internal', message: serverFailed };
};

const withSession: Handle = async ({ event, resolve }) => {
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
