import type { SafeguardingFlag } from '$lib/domain/observation';
import type { FieldbookDatabase } from '../db/database';
import type { Device } from '../db/device';
import { patchRecord, type Created } from '../records';

/*
 * Safeguarding concerns on the tablet (DESIGN.md §1, issue 14): a note or a survey response is
 * flagged in one tap; the school's procedure is shown at once, and when and to whom it was
 * reported is recorded on the flag. Flagged records stay on their author's tablet but leave
 * every evidence count, the coverage grid, reports and exports; the server keeps them from
 * everyone else but the lead and admins (src/lib/sync/withheld.ts).
 */

export type Flaggable = { type: 'observation' | 'response'; id: string; scope: string };

/** A fresh flag, not reported yet. */
export function newFlag(by: string, now = Date.now()): SafeguardingFlag {
	return { flaggedAt: new Date(now).toISOString(), by, reportedAt: null, reportedTo: '' };
}

/** Flags (or, with null, unflags) a saved note or response: one change, synced like any other. */
export function setConcern(
	device: Device,
	record: Flaggable,
	flag: SafeguardingFlag | null
): Promise<Created> {
	return patchRecord(device, record, { safeguarding: flag });
}

/** Records when and to whom (by role) the concern was reported under the school's procedure. */
export function recordReport(
	device: Device,
	record: Flaggable,
	flag: SafeguardingFlag,
	report: { reportedTo: string; reportedAt: string }
): Promise<Created> {
	const at = Date.parse(report.reportedAt);
	if (report.reportedTo.trim() === '')
		return Promise.resolve({ ok: false, errors: { reportedTo: 'Say to whom, by role' } });
	if (Number.isNaN(at))
		return Promise.resolve({ ok: false, errors: { reportedAt: 'Say when it was reported' } });
	const reported = { reportedTo: report.reportedTo.trim(), reportedAt: new Date(at).toISOString() };
	return setConcern(device, record, { ...flag, ...reported });
}

/** The school's designated safeguarding lead, as its record on this tablet says. */
export interface SafeguardingLead {
	schoolId: string;
	role: string;
	contact: string;
}

/** The designated safeguarding lead of the school an audit is of, or null when unknown here. */
export async function safeguardingLeadOf(
	db: FieldbookDatabase,
	auditId: string
): Promise<SafeguardingLead | null> {
	const audit = await db.records.get(auditId);
	const schoolId = audit?.values.schoolId;
	if (typeof schoolId !== 'string') return null;
	const school = await db.records.get(schoolId);
	const text = (field: string) => {
		const value = school?.values[field];
		return typeof value === 'string' ? value : '';
	};
	return { schoolId, role: text('dslRole'), contact: text('dslContact') };
}

/** Sets the school's designated safeguarding lead (role and contact): one change of the school. */
export function setSafeguardingLead(
	device: Device,
	schoolId: string,
	lead: { role: string; contact: string }
): Promise<Created> {
	return patchRecord(
		device,
		{ type: 'school', id: schoolId, scope: 'org' },
		{ dslRole: lead.role.trim(), dslContact: lead.contact.trim() }
	);
}
