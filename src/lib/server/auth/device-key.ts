import { randomBytes } from 'node:crypto';
import type { DB } from '../db';

/**
 * The user's device key (DESIGN.md §4): made on first request, then always the same, so every
 * tablet of the user can recover its data key with it. Only a live session gets it (the route
 * checks); the passphrase never reaches the server.
 */
export async function deviceKeyOf(db: DB, userId: string, now = Date.now()): Promise<string> {
	// Insert-if-absent, then read: two first requests at once agree on one key.
	await db
		.insertInto('device_keys')
		.values({ user_id: userId, key: randomBytes(32).toString('base64url'), created_at: now })
		.onConflict((c) => c.column('user_id').doNothing())
		.execute();
	const row = await db
		.selectFrom('device_keys')
		.select('key')
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
	return row.key;
}
