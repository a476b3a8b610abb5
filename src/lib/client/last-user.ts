import { del, get, set } from 'idb-keyval';
import { asUser, type User } from '$lib/domain/user-shape';

/*
 * The last person who signed in on this device: who they are, never a secret (no token, no
 * password). With no network the app opens their own store on the device with it, and sync
 * waits for the server to confirm (or refuse) their session. Forgotten at sign-out.
 */
const key = 'lastUser';

export async function rememberUser(user: User): Promise<void> {
	const { id, email, name, role } = user;
	await set(key, { id, email, name, role });
}

export async function lastUser(): Promise<User | null> {
	return asUser(await get(key));
}

export async function forgetUser(): Promise<void> {
	await del(key);
}
