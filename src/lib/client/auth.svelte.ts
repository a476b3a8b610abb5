import { asUser, type User } from '$lib/domain/user-shape';
import { api, messageOf } from './api';
import { forgetUser, lastUser, rememberUser } from './last-user';

/** The server's user, or an error: an answer in another shape is the server's fault. */
function knownUser(value: unknown): User {
	const user = asUser(value);
	if (!user) throw new Error('The server answered with a user in an unknown shape');
	return user;
}

export type SignInResult = { ok: true } | { ok: false; message: string };

/** How long opening the app waits for the server before it opens from the device (lie-fi). */
const REACH_TIMEOUT_MS = 4000;

/**
 * Who is signed in on this tab. Asked of the server once, then kept. When the server cannot be
 * reached, the last person who signed in on this device opens their own data (`fromDevice`);
 * sync then finds out whether their session still holds, and asks them to sign in again in
 * place if not — nothing on the device is lost either way.
 */
class Auth {
	user = $state<User | null>(null);
	/** True when the server was not reached and the user is the one remembered on the device. */
	fromDevice = $state(false);
	#checked = false;

	async current(f: typeof fetch = fetch): Promise<User | null> {
		if (this.#checked) return this.user;
		let answer;
		try {
			const timed: typeof fetch = (input, init) =>
				f(input, { ...init, signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
			answer = await api('/api/auth/me', { fetch: timed });
		} catch {
			return this.#openFromDevice(); // no network, or no answer in time
		}
		if (answer.status >= 500) return this.#openFromDevice(); // a proxy with no server behind
		if (answer.ok) await this.#set(knownUser(answer.data?.user));
		else if (answer.status === 401) this.user = null;
		else throw new Error(messageOf(answer, 'The server could not say who is signed in'));
		this.#checked = true;
		return this.user;
	}

	signedIn(user: User): Promise<void> {
		this.#checked = true;
		return this.#set(user);
	}

	async signIn(email: string, password: string): Promise<SignInResult> {
		let answer;
		try {
			answer = await api('/api/auth/login', { body: { email, password } });
		} catch {
			return { ok: false, message: 'Cannot reach the Fieldbook server. Check the connection.' };
		}
		if (!answer.ok) return { ok: false, message: messageOf(answer, 'Could not sign in') };
		await this.signedIn(knownUser(answer.data?.user));
		return { ok: true };
	}

	async signOut(): Promise<void> {
		const answer = await api('/api/auth/logout', { method: 'POST' });
		if (!answer.ok) throw new Error(messageOf(answer, 'Could not sign out'));
		this.user = null;
		this.fromDevice = false;
		await forgetUser();
	}

	#set(user: User): Promise<void> {
		this.user = user;
		this.fromDevice = false;
		// Losing this note only means the next offline open goes to the login page.
		return rememberUser(user).catch(() => {});
	}

	/** The remembered user, or null (the login page) when no one has signed in here before. */
	async #openFromDevice(): Promise<User | null> {
		const user = await lastUser().catch(() => null);
		if (!user) return null; // not checked: the next navigation asks the server again
		this.user = user;
		this.fromDevice = true;
		this.#checked = true;
		return user;
	}
}

export const auth = new Auth();
