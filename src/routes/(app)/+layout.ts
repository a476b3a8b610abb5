import { redirect } from '@sveltejs/kit';
import { auth } from '$lib/client/auth.svelte';
import { deviceSession } from '$lib/client/device.svelte';
import { idleLock } from '$lib/client/lock/idle.svelte';
import { deviceLock } from '$lib/client/lock/lock.svelte';
import { pupilMode } from '$lib/client/lock/pupil.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url }) => {
	const user = await auth.current(fetch);
	if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	// Every page of the app reads this user's own store on the device, once it is unlocked.
	const device = await deviceSession.open(user.id);
	await Promise.all([deviceLock.attach(device), pupilMode.attach(device), idleLock.load()]);
	return { user, device };
};
