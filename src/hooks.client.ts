import type { ClientInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { appUpdate } from '$lib/client/app-update.svelte';
import { unsavedInput } from '$lib/client/unsaved.svelte';

export const init: ClientInit = () => {
	unsavedInput.watchTyping();
	// In dev the precache would serve stale modules; the service worker is for the built app.
	if (!dev) appUpdate.register();
	// Only a bench build (FIELDBOOK_BENCH=1) has this; elsewhere the branch is removed at build.
	if (__FIELDBOOK_BENCH__) void import('$lib/client/bench-harness').then((h) => h.expose());
};
