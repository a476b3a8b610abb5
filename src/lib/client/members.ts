import { userIdSchema } from '$lib/domain/common';
import type { Device } from './db/device';
import { InvalidWrite } from './db/write';
import { writeAfterReading } from './db/write-after-read';
import type { Created } from './records';

/*
 * Who belongs to an audit: its `members` field, one list the lead (or an admin) writes whole.
 * The server refuses anyone else's change (server/sync/rights.ts), and when it applies one, the
 * new member's next pull brings the audit (their scopes changed) and a removed one's drops it.
 */

type Change = (members: string[], lead: string) => string[] | string;

/** Reads the members inside the write's transaction, so a sync a moment ago is not undone. */
async function changeMembers(device: Device, auditId: string, change: Change): Promise<Created> {
	const { db } = device;
	try {
		const problem = await writeAfterReading(db, device.clientId, device.userId, async () => {
			const audit = await db.records.get(auditId);
			if (!audit || audit.type !== 'audit' || audit.deleted) return 'This audit is not here';
			const members = Array.isArray(audit.values.members) ? (audit.values.members as string[]) : [];
			const next = change(members, String(audit.values.lead));
			if (typeof next === 'string') return next;
			return [{ type: 'audit', id: auditId, scope: auditId, fields: { members: next } }];
		});
		return problem ? { ok: false, errors: { member: problem } } : { ok: true, id: auditId };
	} catch (error) {
		if (error instanceof InvalidWrite) return { ok: false, errors: { member: error.message } };
		throw error;
	}
}

export function addMember(device: Device, auditId: string, userId: string): Promise<Created> {
	if (!userIdSchema.safeParse(userId).success)
		return Promise.resolve({ ok: false, errors: { member: 'Choose a person to add' } });
	return changeMembers(device, auditId, (members) =>
		members.includes(userId) ? 'Already a member' : [...members, userId]
	);
}

/** Everyone but the lead can be removed: the lead is always a member. */
export function removeMember(device: Device, auditId: string, userId: string): Promise<Created> {
	return changeMembers(device, auditId, (members, lead) =>
		userId === lead
			? 'The lead stays a member'
			: members.includes(userId)
				? members.filter((m) => m !== userId)
				: 'Not a member'
	);
}
