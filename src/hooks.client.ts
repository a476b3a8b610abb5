import type { ClientInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { appUpdate } from '$lib/client/app-update.svelte';
import { unsavedInput } from '$lib/client/unsaved.svelte';

/**
 * Only a bench build (FIELDBOOK_BENCH=1) has this; elsewhere the branch is removed at build.
 * The harness (the whole store, zod, the sync engine) loads on the bench's first read of
 * `window.__fieldbookBench`, never by itself: a timed cold start does not pay for it.
 */
function benchHarnessOnDemand() {
	let loading = false;
	Object.defineProperty(globalThis, '__fieldbookBench', {
		configurable: true,
		get() {
			if (!loading) {
				loading = true;
				void import('$lib/client/bench-harness').then((h) => h.expose());
			}
			return undefined;
		}
	});
}

export const init: ClientInit = () => {
	unsavedInput.watchTyping();
	// In dev the precache would serve stale modules; the service worker is for the built app.
	if (!dev) appUpdate.register();
	if (__FIELDBOOK_BENCH__) benchHarnessOnDemand();
};
