import type { Cookies } from '@sveltejs/kit';
import { readConfig } from '../config';
import type { SessionLifetimes } from './sessions';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const sessionCookie = {
	name: 'fieldbook_session',
	/** HttpOnly and SameSite=Strict always; Secure everywhere but on this machine. */
	options(url: URL) {
		return {
			path: '/',
			httpOnly: true,
			sameSite: 'strict' as const,
			secure: !LOOPBACK.has(url.hostname)
		};
	}
};

let lifetimes: SessionLifetimes | null = null;

export function sessionLifetimes(): SessionLifetimes {
	if (!lifetimes) {
		const config = readConfig();
		lifetimes = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
	}
	return lifetimes;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number) {
	cookies.set(sessionCookie.name, token, {
		...sessionCookie.options(url),
		expires: new Date(expiresAt)
	});
}
