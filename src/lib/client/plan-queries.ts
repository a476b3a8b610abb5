import type { FieldbookDatabase } from './db/database';
import {
	activitiesOf,
	auditOnDevice,
	auditsOnDevice,
	type ActivitySummary,
	type AuditDetail
} from './audit-queries';

/** Read-only queries behind the Plan and Today screens; run them through `live()` from a component. */

export interface VisitActivity extends ActivitySummary {
	auditTitle: string;
}

/** One audit and its activities, read together so the timetable never shows a half-synced pair. */
export async function auditVisit(
	db: FieldbookDatabase,
	auditId: string
): Promise<{ audit: AuditDetail | null; activities: ActivitySummary[] }> {
	const [audit, activities] = await Promise.all([
		auditOnDevice(db, auditId),
		activitiesOf(db, auditId)
	]);
	return { audit, activities: audit ? activities : [] };
}

/** Every activity of every audit on this device (the user's own), each with its audit's title. */
export async function visitsOnDevice(db: FieldbookDatabase): Promise<VisitActivity[]> {
	const audits = await auditsOnDevice(db);
	const perAudit = await Promise.all(
		audits.map(async (audit) =>
			(await activitiesOf(db, audit.id)).map((a) => ({ ...a, auditTitle: audit.title }))
		)
	);
	return perAudit.flat();
}
