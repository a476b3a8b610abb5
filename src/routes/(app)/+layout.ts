import { redirect } from '@sveltejs/kit';
import { auth } from '$lib/client/auth.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url }) => {
	const user = await auth.current(fetch);
	if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return { user };
};
