import type { NewUser, User } from '$lib/domain/user';
import { newUserSchema } from '$lib/domain/user';
import type { ServerConfig } from './config';
import type { DB } from './db';
import { refuseWeakPassword } from './auth/password-policy';
import { lockUntilCommit } from './db/engine';
import { hashToken, newToken } from './auth/tokens';
import { countUsers, createUser } from './users';

export type Bootstrap =
	| { kind: 'ready' }
	| { kind: 'admin-created'; email: string }
	| { kind: 'setup-link'; url: string };

/** Serialises first-admin creation across every instance sharing the database. */
const FIRST_ADMIN_LOCK = 'fieldbook-first-admin';

/**
 * On an empty database: create the first admin from the environment, or issue a one-time
 * setup link. A new link replaces any earlier unused one, so only the last printed link works.
 */
export async function bootstrapFirstAdmin(
	db: DB,
	config: ServerConfig,
	now = Date.now()
): Promise<Bootstrap> {
	const admin = config.adminEmail && config.adminPassword ? adminFromConfig(config) : null;
	const token = newToken();
	// Several instances may start on one empty database at once: the count and what follows it
	// happen under one lock, so only one of them creates the admin or issues the link.
	return db.transaction().execute(async (tx): Promise<Bootstrap> => {
		await lockUntilCommit(tx, FIRST_ADMIN_LOCK);
		if ((await countUsers(tx)) > 0) return { kind: 'ready' };
		if (admin) {
			const user = await createUser(tx, admin, now);
			return { kind: 'admin-created', email: user.email };
		}
		await tx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
		await tx
			.insertInto('setup_tokens')
			.values({ token_hash: hashToken(token), created_at: now, used_at: null })
			.execute();
		// The token travels in the fragment: browsers never send it to the server or its logs.
		return { kind: 'setup-link', url: `${config.publicOrigin}/setup#token=${token}` };
	});
}

function adminFromConfig(config: ServerConfig): NewUser {
	const input = newUserSchema.superRefine(refuseWeakPassword).safeParse({
		email: config.adminEmail,
		name: config.adminName,
		password: config.adminPassword,
		role: 'admin'
	});
	if (!input.success) {
		const problems = input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`FIELDBOOK_ADMIN_* is not a valid account: ${problems.join('; ')}`);
	}
	return input.data;
}

export async function setupTokenValid(db: DB, token: string): Promise<boolean> {
	const row = await db
		.selectFrom('setup_tokens')
		.select('used_at')
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return !!row && row.used_at === null && (await countUsers(db)) === 0;
}

/** Uses the token and creates the first admin in one transaction: a link works once. */
export async function completeSetup(
	db: DB,
	token: string,
	admin: Omit<NewUser, 'role'>,
	now = Date.now()
): Promise<User | null> {
	return db.transaction().execute(async (tx) => {
		await lockUntilCommit(tx, FIRST_ADMIN_LOCK);
		const used = await tx
			.updateTable('setup_tokens')
			.set({ used_at: now })
			.where('token_hash', '=', hashToken(token))
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(used.numUpdatedRows) !== 1 || (await countUsers(tx)) > 0) return null;
		return createUser(tx, { ...admin, role: 'admin' }, now);
	});
}
