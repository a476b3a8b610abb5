import type { User } from '$lib/domain/user';
import type { DB } from '../db';
import { findUserForLogin } from '../users';
import { verifyAgainstDummy, verifyPassword } from './password';
import { clearAccountFailures, loginRetryAfter, recordLoginFailure } from './rate-limit';

export type LoginResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'invalid-credentials' | 'account-disabled' }
	| { ok: false; reason: 'too-many-attempts'; retryAfter: number };

/** Checks a password under the rate limit. A locked account is refused even with the right one. */
export async function checkLogin(
	db: DB,
	input: { email: string; password: string },
	ip: string,
	now = Date.now()
): Promise<LoginResult> {
	const keys = { account: input.email, ip };
	const retryAfter = await loginRetryAfter(db, keys, now);
	if (retryAfter > 0) return { ok: false, reason: 'too-many-attempts', retryAfter };

	const row = await findUserForLogin(db, input.email);
	const valid = row
		? await verifyPassword(row.password_hash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!row || !valid) {
		await recordLoginFailure(db, keys, now);
		return { ok: false, reason: 'invalid-credentials' };
	}
	await clearAccountFailures(db, input.email);
	if (row.disabled_at !== null) return { ok: false, reason: 'account-disabled' };
	return { ok: true, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}
