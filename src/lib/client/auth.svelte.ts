import { userSchema, type User } from '$lib/domain/user';
import { api, messageOf } from './api';

export type SignInResult = { ok: true } | { ok: false; message: string };

/** Who is signed in on this tab. Asked of the server once, then kept. */
class Auth {
	user = $state<User | null>(null);
	#checked = false;

	async current(f: typeof fetch = fetch): Promise<User | null> {
		if (this.#checked) return this.user;
		const answer = await api('/api/auth/me', { fetch: f });
		if (answer.ok) this.user = userSchema.parse(answer.data?.user);
		else if (answer.status === 401) this.user = null;
		else throw new Error(messageOf(answer, 'The server could not say who is signed in'));
		this.#checked = true;
		return this.user;
	}

	signedIn(user: User) {
		this.user = user;
		this.#checked = true;
	}

	async signIn(email: string, password: string): Promise<SignInResult> {
		let answer;
		try {
			answer = await api('/api/auth/login', { body: { email, password } });
		} catch {
			return { ok: false, message: 'Cannot reach the Fieldbook server. Check the connection.' };
		}
		if (!answer.ok) return { ok: false, message: messageOf(answer, 'Could not sign in') };
		this.signedIn(userSchema.parse(answer.data?.user));
		return { ok: true };
	}

	async signOut(): Promise<void> {
		const answer = await api('/api/auth/logout', { method: 'POST' });
		if (!answer.ok) throw new Error(messageOf(answer, 'Could not sign out'));
		this.user = null;
	}
}

export const auth = new Auth();
