import { redirect } from '@sveltejs/kit';
import { auth } from '$lib/client/auth.svelte';
import { deviceSession } from '$lib/client/device.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url }) => {
	const user = await auth.current(fetch);
	if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	// Every page of the app reads this user's own store on the device.
	const device = await deviceSession.open(user.id);
	return { user, device };
};
