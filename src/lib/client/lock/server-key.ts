import { api } from '../api';
import { serverWrappingKey } from './keyring';

/** The server's key cannot be had: no network, or no live session (`signedOut`). */
export class ServerKeyUnavailable extends Error {
	constructor(readonly signedOut: boolean) {
		super(
			signedOut
				? 'Sign in online first: only a live session can recover this tablet.'
				: 'Cannot reach the Fieldbook server. Connect to the internet and try again.'
		);
	}
}

/** GET /api/auth/device-key: the user's wrapping key, handed only to a live session. */
export async function fetchServerKey(): Promise<CryptoKey> {
	let answer;
	try {
		answer = await api('/api/auth/device-key');
	} catch {
		throw new ServerKeyUnavailable(false);
	}
	if (answer.status === 401) throw new ServerKeyUnavailable(true);
	const key = answer.data?.key;
	if (!answer.ok || typeof key !== 'string') throw new ServerKeyUnavailable(false);
	const raw = Uint8Array.from(atob(key.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
		c.charCodeAt(0)
	);
	return serverWrappingKey(raw);
}
