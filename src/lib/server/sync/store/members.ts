import type { DB } from '../../db';

/** Whether the user is a member of the audit now (not removed). */
export async function isAuditMember(db: DB, auditId: string, userId: string): Promise<boolean> {
	const row = await db
		.selectFrom('audit_members')
		.select('user_id')
		.where('audit_id', '=', auditId)
		.where('user_id', '=', userId)
		.where('removed_at', 'is', null)
		.executeTakeFirst();
	return row !== undefined;
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

/** Keeps audit_members in step with an audit's `members` field. */
export async function setAuditMembers(db: DB, auditId: string, members: string[], now: number) {
	await db
		.updateTable('audit_members')
		.set({ removed_at: now })
		.where('audit_id', '=', auditId)
		.where('removed_at', 'is', null)
		.where('user_id', 'not in', members.length ? members : [''])
		.execute();
	if (members.length === 0) return;
	// One row each, even when the list names someone twice: PostgreSQL refuses a multi-row
	// upsert that touches a row twice.
	await db
		.insertInto('audit_members')
		.values(
			[...new Set(members)].map((userId) => ({
				audit_id: auditId,
				user_id: userId,
				removed_at: null
			}))
		)
		.onConflict((oc) => oc.columns(['audit_id', 'user_id']).doUpdateSet({ removed_at: null }))
		.execute();
}
