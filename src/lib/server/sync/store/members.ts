import type { DB } from '../../db';
import { chunked } from './chunks';

/** Of these audits, the ones the user is a member of now (not removed). */
export async function memberOf(db: DB, userId: string, auditIds: string[]): Promise<Set<string>> {
	const member = new Set<string>();
	for (const slice of chunked([...new Set(auditIds)])) {
		const rows = await db
			.selectFrom('audit_members')
			.select('audit_id')
			.where('user_id', '=', userId)
			.where('removed_at', 'is', null)
			.where('audit_id', 'in', slice)
			.execute();
		for (const row of rows) member.add(row.audit_id);
	}
	return member;
}

/** Both lists of `auditsOf` from one query: a pull needs the two. */
export async function auditsOfBoth(db: DB, userId: string) {
	const rows = await db
		.selectFrom('audit_members')
		.select(['audit_id', 'removed_at'])
		.where('user_id', '=', userId)
		.execute();
	return {
		member: rows.filter((r) => r.removed_at === null).map((r) => r.audit_id),
		removed: rows.filter((r) => r.removed_at !== null).map((r) => r.audit_id)
	};
}

/** The audits a user is a member of now, or was and no longer is. */
export async function auditsOf(db: DB, userId: string, which: 'member' | 'removed') {
	const rows = await db
		.selectFrom('audit_members')
		.select('audit_id')
		.where('user_id', '=', userId)
		.where('removed_at', which === 'member' ? 'is' : 'is not', null)
		.execute();
	return rows.map((r) => r.audit_id);
}

/**
 * What a batch's writes of audits' `members` fields leave in audit_members: per audit, the last
 * list (`members`) and everyone any list of the batch named (`named`). The outcome is the one
 * of writing each list in turn: the last list's members are members; everyone else named in
 * the batch, and every member before it who is not in the last list, was removed now.
 */
export async function setAuditMembers(
	db: DB,
	audits: { auditId: string; members: string[]; named: Set<string> }[],
	now: number
) {
	const rows = [];
	for (const { auditId, members, named } of audits) {
		const kept = new Set(members);
		await db
			.updateTable('audit_members')
			.set({ removed_at: now })
			.where('audit_id', '=', auditId)
			.where('removed_at', 'is', null)
			.where('user_id', 'not in', kept.size ? [...kept] : [''])
			.execute();
		// One row each, even when a list names someone twice: PostgreSQL refuses a multi-row
		// upsert that touches a row twice.
		for (const userId of new Set([...named, ...kept])) {
			rows.push({ audit_id: auditId, user_id: userId, removed_at: kept.has(userId) ? null : now });
		}
	}
	for (const slice of chunked(rows)) {
		await db
			.insertInto('audit_members')
			.values(slice)
			.onConflict((oc) =>
				oc
					.columns(['audit_id', 'user_id'])
					.doUpdateSet((eb) => ({ removed_at: eb.ref('excluded.removed_at') }))
			)
			.execute();
	}
}
