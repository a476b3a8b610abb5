/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/*
 * The app shell, precached whole at install, so that every page opens with no network all day
 * (DESIGN.md §5). Nothing under /api/ is ever cached: notes live in IndexedDB, not in a cache.
 * A new version installs beside the old one and waits: the page asks the person, and only their
 * tap (SKIP_WAITING) activates it. Old precache entries go at activation, never before.
 */
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** The prerendered, data-free HTML page that starts the client router at any URL. */
const SHELL = '/app-shell';

// Hashed files under _app/immutable never change; everything else is revised by the build.
precacheAndRoute(
	[...build, ...files, ...prerendered].map((url) => ({
		url,
		revision: url.includes('/_app/immutable/') ? null : version
	}))
);
cleanupOutdatedCaches();

// A meta CSP cannot forbid framing: the shell gets that from its header here.
async function shell(): Promise<Response> {
	const cached = await matchPrecache(SHELL);
	if (!cached) return fetch(SHELL);
	const headers = new Headers(cached.headers);
	headers.set('content-security-policy', "frame-ancestors 'none'");
	headers.set('x-frame-options', 'DENY');
	return new Response(cached.body, { status: 200, headers });
}

// Every page navigation, deep links included; never the API, and never a file (a URL with a
// dot in its last segment), which the network or the precache answers on its own.
registerRoute(
	new NavigationRoute(shell, { denylist: [/^\/api\//, /^\/_app\//, /\/[^/]+\.[^/]+$/] })
);

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// The first install takes the open page at once, so that it works offline without a reload.
// An update never gets here before the person's tap.
clientsClaim();
