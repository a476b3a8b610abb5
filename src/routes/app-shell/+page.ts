import { redirect } from '@sveltejs/kit';

// The service worker's app shell: prerendered as an empty page (ssr is off), precached, and
// served for every navigation, where the client router then opens the real route. Opened by
// its own address, it has nothing to show.
export const prerender = true;

export const load = () => redirect(307, '/');
