import type { User } from '$lib/domain/user';
import type { DB } from '../db';
import { hashToken, newToken } from './tokens';

export interface SessionLifetimes {
	idleMs: number;
	maxMs: number;
}

export interface ValidSession {
	sessionId: string;
	user: User;
	expiresAt: number;
}

/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
	db: DB,
	userId: string,
	life: SessionLifetimes,
	now = Date.now()
) {
	const token = newToken();
	const expiresAt = now + life.maxMs;
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_at: now,
			last_seen_at: now,
			expires_at: expiresAt
		})
		.execute();
	return { token, expiresAt };
}

/** The session's user, or null when it is unknown, idle too long, too old or its user disabled. */
export async function validateSession(
	db: DB,
	token: string,
	life: SessionLifetimes,
	now = Date.now()
): Promise<ValidSession | null> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.last_seen_at',
			'sessions.expires_at',
			'users.id',
			'users.email',
			'users.name',
			'users.role',
			'users.disabled_at'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const lastSeen = Number(row.last_seen_at);
	const expired = now >= Number(row.expires_at) || now - lastSeen >= life.idleMs;
	if (expired || row.disabled_at !== null) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	if (now - lastSeen >= TOUCH_EVERY_MS) {
		await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
	}
	return {
		sessionId: id,
		expiresAt: Number(row.expires_at),
		user: { id: row.id, email: row.email, name: row.name, role: row.role }
	};
}

export async function deleteSession(db: DB, sessionId: string) {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: DB, userId: string) {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
