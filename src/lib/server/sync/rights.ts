import type { User } from '$lib/domain/user';
import type { RecordType } from '$lib/domain/record-type';
import type { DB } from '../db';
import { auditsOf, auditsOfBoth, type StoredRecord } from './store';
import type { WorkingSet } from './working-set';

export type Verdict = { ok: true } | { ok: false; reason: 'forbidden' | 'invalid'; detail: string };

const allowed: Verdict = { ok: true };
const forbidden = (detail: string): Verdict => ({ ok: false, reason: 'forbidden', detail });
const invalid = (detail: string): Verdict => ({ ok: false, reason: 'invalid', detail });

/**
 * Whether the batch's user may apply this change, as the batch has left its scopes so far (DESIGN.md §4): viewers write nothing; schools are the
 * organisation's (scope 'org'); an audit and everything in it belong to its members; only the
 * lead or an admin changes who they are; a new audit's creator must be its lead and a member.
 * Admins administer every audit. A record never moves to another scope.
 */
export async function checkRights(
	batch: WorkingSet,
	change: { type: RecordType; recordId: string; scope: string; fields: Record<string, unknown> },
	existing: StoredRecord | null
): Promise<Verdict> {
	const { user } = batch;
	if (user.role === 'viewer') return forbidden('A viewer cannot change anything');
	if (existing && (existing.scope !== change.scope || existing.type !== change.type)) {
		return invalid('A record keeps its type and scope');
	}
	const admin = user.role === 'admin';
	switch (change.type) {
		case 'school':
			return change.scope === 'org' ? allowed : invalid("A school's scope is 'org'");
		case 'audit': {
			if (change.scope !== change.recordId) return invalid("An audit's scope is its own id");
			if (!existing) {
				const members = change.fields.members;
				const creatorLeads =
					change.fields.lead === user.id && Array.isArray(members) && members.includes(user.id);
				return creatorLeads ? allowed : forbidden("A new audit's creator is its lead and a member");
			}
			if (!admin && !(await batch.isMember(change.recordId)))
				return forbidden('Not a member of this audit');
			const changesMembership = 'members' in change.fields || 'lead' in change.fields;
			if (changesMembership && !admin && existing.state.lead?.value !== user.id)
				return forbidden('Only the lead or an admin changes the members');
			return allowed;
		}
		case 'conflict': {
			// Conflicts are made by the server from its own log (DESIGN.md §4): a client-made one
			// could claim any record, author and text, and every reader would receive it.
			if (!existing) return forbidden('Conflicts are made by the server, not by a device');
			if (Object.keys(change.fields).some((f) => f !== 'resolved'))
				return forbidden('A device may only set "resolved" on a conflict');
			// A conflict lives in the scope of its record: schools' conflicts are the organisation's.
			if (change.scope === 'org') return allowed;
			return checkAuditScope(batch, change.scope, admin);
		}
		default:
			return checkAuditScope(batch, change.scope, admin);
	}
}

/** Records inside an audit: the audit must exist, and the writer be a member (or an admin). */
async function checkAuditScope(batch: WorkingSet, scope: string, admin: boolean): Promise<Verdict> {
	if ((await batch.record(scope))?.type !== 'audit')
		return invalid('The scope is not a known audit');
	if (!admin && !(await batch.isMember(scope))) return forbidden('Not a member of this audit');
	return allowed;
}

/** The scopes a user may read: the organisation's schools and their audits. */
export async function readableScopes(db: DB, user: User): Promise<string[] | 'all'> {
	if (user.role === 'admin') return 'all';
	return ['org', ...(await auditsOf(db, user.id, 'member'))];
}

export async function revokedScopes(db: DB, user: User): Promise<string[]> {
	// An admin reads every audit, member or not: dropping one from their device would lose it
	// for good, since their pull never starts again from the beginning.
	if (user.role === 'admin') return [];
	return auditsOf(db, user.id, 'removed');
}

/** `readableScopes` and `revokedScopes` from one read of the user's memberships (a pull's). */
export async function pullScopes(
	db: DB,
	user: User
): Promise<{ readable: string[] | 'all'; revoked: string[] }> {
	if (user.role === 'admin') return { readable: 'all', revoked: [] };
	const { member, removed } = await auditsOfBoth(db, user.id);
	return { readable: ['org', ...member], revoked: removed };
}
