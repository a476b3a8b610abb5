/*
 * What shows behind the lock, loaded apart from it (issue 16): the lock screen and the
 * passphrase choice draw without the app's frame, Today or Dexie; each loads in the task after
 * the lock's first frame, or at the passphrase at the latest, so the unlock does not wait for it.
 */

/** The app's frame: header, navigation, sync and the notices (AppFrame.svelte). */
export const appFrame = () => import('$lib/components/AppFrame.svelte');

/** Today's view (the route `/` draws it once unlocked). */
export const today = () => import('$lib/components/Today.svelte');

/** The sync engine: the first sync runs as the device unlocks (sync/runner.svelte.ts). */
const syncEngine = () => import('$lib/client/sync/engine');

/** Starts loading what shows once `pathname` is unlocked. */
export function behindLock(pathname: string): void {
	void appFrame();
	void syncEngine();
	if (pathname === '/') void today();
}
