import { goto } from '$app/navigation';
import { auth } from '$lib/client/auth.svelte';
import { deviceSession } from '$lib/client/device.svelte';
import { UnsyncedWork, type Device } from '$lib/client/db/device';
import { unsyncedCount } from '$lib/client/db/sync-state';
import { deviceLock } from '$lib/client/lock/lock.svelte';
import { syncRunner } from '$lib/client/sync/runner.svelte';

export type SignOutProblem =
	{ kind: 'waiting'; count: number } | { kind: 'error'; message: string };

/**
 * Signing out deletes this user's data from the tablet, so it is refused while anything waits
 * to sync (DESIGN.md §4): the count is read from the store at the moment of the tap.
 */
class SignOut {
	problem = $state<SignOutProblem | null>(null);
	busy = $state(false);

	async run(device: Device) {
		this.problem = null;
		this.busy = true;
		try {
			const count = await unsyncedCount(device.db);
			if (count > 0) {
				this.problem = { kind: 'waiting', count };
				return;
			}
			await auth.signOut();
			syncRunner.stop();
			deviceLock.detach();
			try {
				await deviceSession.forget();
			} catch (e) {
				// A change saved in another tab between the count and now: it stays on the tablet
				// for the next sign-in, which syncs it. Signing out itself has happened.
				if (!(e instanceof UnsyncedWork)) throw e;
			}
			await goto('/login');
		} catch (e) {
			// fetch rejects with a TypeError when the network is down.
			const message =
				e instanceof TypeError
					? 'Cannot reach the server to sign out. Nothing has been deleted.'
					: e instanceof Error
						? e.message
						: 'Could not sign out';
			this.problem = { kind: 'error', message };
		} finally {
			this.busy = false;
		}
	}

	dismiss() {
		this.problem = null;
	}

	/** Offline, or with work waiting: the tablet locks instead; its data stays sealed and syncs later. */
	lockAndLeave() {
		this.problem = null;
		deviceLock.lock();
	}
}

export const signOut = new SignOut();
