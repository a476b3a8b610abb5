import type { ClientInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { appUpdate } from '$lib/client/app-update.svelte';
import { unsavedInput } from '$lib/client/unsaved.svelte';

export const init: ClientInit = () => {
	unsavedInput.watchTyping();
	// In dev the precache would serve stale modules; the service worker is for the built app.
	if (!dev) appUpdate.register();
};
