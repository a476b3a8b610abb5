import { redirect } from '@sveltejs/kit';

// The service worker's app shell: prerendered as an empty page (ssr is off), precached, and
// served for every navigation, where the client router then opens the real route. Opened by
// its own address, it has nothing to show.
export const prerender = true;

export const load = () => redirect(307, '/');

// Every start opens on the lock screen over Today (issue 16), yet the router finds those
// modules only after its own have run: a waterfall of module fetches. Named here, they are in
// the shell's modulepreload list, fetched at once beside the router's. Never rendered here.
export { load as _appLoad } from '../(app)/+layout';
export { default as _AppLayout } from '../(app)/+layout.svelte';
export { default as _Today } from '../(app)/+page.svelte';
