import { v7 as uuidv7 } from 'uuid';
import type { NewUser, User } from '$lib/domain/user';
import { hashPassword } from './auth/password';
import { deleteUserSessions } from './auth/sessions';
import type { DB } from './db';

export class EmailTakenError extends Error {
	constructor() {
		super('An account with this e-mail already exists');
	}
}

const publicColumns = ['id', 'email', 'name', 'role'] as const;

export async function createUser(db: DB, input: NewUser, now = Date.now()): Promise<User> {
	const passwordHash = await hashPassword(input.password);
	const user: User = { id: uuidv7(), email: input.email, name: input.name, role: input.role };
	// ON CONFLICT DO NOTHING: a duplicate e-mail is an answer (409), not an exception from SQL.
	const inserted = await db
		.insertInto('users')
		.values({ ...user, password_hash: passwordHash, disabled_at: null, created_at: now })
		.onConflict((oc) => oc.column('email').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!inserted) throw new EmailTakenError();
	return user;
}

export async function countUsers(db: DB): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export function findUserForLogin(db: DB, email: string) {
	return db
		.selectFrom('users')
		.select([...publicColumns, 'password_hash', 'disabled_at'])
		.where('email', '=', email)
		.executeTakeFirst();
}

export interface UserListing extends User {
	disabled: boolean;
	createdAt: string;
}

export async function listUsers(db: DB): Promise<UserListing[]> {
	const rows = await db
		.selectFrom('users')
		.select([...publicColumns, 'disabled_at', 'created_at'])
		.orderBy('name')
		.execute();
	return rows.map(({ disabled_at, created_at, ...user }) => ({
		...user,
		disabled: disabled_at !== null,
		createdAt: new Date(Number(created_at)).toISOString()
	}));
}

/** Disabling an account ends all of its sessions in the same transaction. */
export async function setUserDisabled(db: DB, userId: string, disabled: boolean, now = Date.now()) {
	return db.transaction().execute(async (tx) => {
		const result = await tx
			.updateTable('users')
			.set({ disabled_at: disabled ? now : null })
			.where('id', '=', userId)
			.executeTakeFirst();
		if (disabled) await deleteUserSessions(tx, userId);
		return Number(result.numUpdatedRows) === 1;
	});
}
