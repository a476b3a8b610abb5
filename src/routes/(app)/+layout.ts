import { redirect } from '@sveltejs/kit';
import { invalidate } from '$app/navigation';
import { auth } from '$lib/client/auth.svelte';
import { behindLock } from '$lib/client/behind-lock';
import type { Device } from '$lib/client/db/device';
import { peekDevice } from '$lib/client/db/peek';
import { idleLock } from '$lib/client/lock/idle.svelte';
import { deviceLock } from '$lib/client/lock/lock.svelte';
import { pupilMode } from '$lib/client/lock/pupil.svelte';
import type { LayoutLoad } from './$types';

/** Runs this load again once the device is open and unlocked. */
const DEVICE_OPEN = 'fieldbook:device';

export const load: LayoutLoad = async ({ fetch, url, depends }) => {
	depends(DEVICE_OPEN);
	const user = await auth.current(fetch);
	if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const idle = idleLock.load();
	// Every page of the app reads this user's own store on the device, once it is unlocked.
	const open = deviceLock.device;
	if (open?.userId === user.id) {
		await Promise.all([pupilMode.attach(open), idle]);
		return { user, device: open };
	}
	// Every start opens at the lock: it draws from a peek at the store, without Dexie, the app's
	// frame or this page (issue 16), which load behind it and show once it is unlocked.
	const [seen] = await Promise.all([peekDevice(user.id), idle]);
	pupilMode.expect(seen.pupilMode);
	deviceLock.expect(seen, {
		open: async () => {
			behindLock(url.pathname);
			return (await import('$lib/client/device.svelte')).deviceSession.open(user.id);
		},
		opened: () => invalidate(DEVICE_OPEN)
	});
	// No page draws until the device is open and unlocked (+layout.svelte), and this load has
	// then run again with it: a page never reads this `device`.
	return { user, device: null as unknown as Device };
};
