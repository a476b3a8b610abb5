import type { User } from '$lib/domain/user';

declare global {
	/** package.json's version, set by vite.config.ts. */
	const __FIELDBOOK_VERSION__: string;
	/** True only in the bench's own build (bench/build.js): exposes the device store to it. */
	const __FIELDBOOK_BENCH__: boolean;

	namespace App {
		interface Error {
			message: string;
			/** A stable code for programs, as in every API error body. */
			error?: string;
			/** On a 400: what is wrong with each field, by field name. */
			fields?: Record<string, string>;
		}
		interface Locals {
			user: User | null;
			/** Hash of the session token, when signed in. */
			sessionId: string | null;
		}
	}
}

export {};
