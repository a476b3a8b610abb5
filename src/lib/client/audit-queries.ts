import type { FieldbookDatabase, LocalRecord } from './db/database';

/*
 * Read-only queries of audits and their activities as lists (Today, the plan, the audits page),
 * apart from queries.ts: they need no schema, so Today's first page loads no zod (issue 16).
 * Run them through `live()` from a component.
 */

export interface AuditSummary {
	id: string;
	title: string;
}

export interface AuditDetail extends AuditSummary {
	schoolId: string;
	frameworkId: string;
	stage: number;
	lead: string;
	members: string[];
	componentIds: string[];
}

export interface ActivitySummary {
	id: string;
	auditId: string;
	componentId: string;
	promptId: string | null;
	kind: string;
	title: string;
	status: string;
	plannedStart: string | null;
	location: string | null;
}

export const text = (record: Pick<LocalRecord, 'values'>, field: string) => {
	const value = record.values[field];
	return typeof value === 'string' ? value : '';
};
export const textOrNull = (record: Pick<LocalRecord, 'values'>, field: string) => {
	const value = record.values[field];
	return typeof value === 'string' ? value : null;
};
export const strings = (record: Pick<LocalRecord, 'values'>, field: string) => {
	const value = record.values[field];
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};
/** The record if it is a live one of `type`, else null. */
export const liveOf = (record: LocalRecord | undefined, type: LocalRecord['type']) =>
	record && record.type === type && !record.deleted ? record : null;

export const toAudit = (r: LocalRecord): AuditDetail => ({
	id: r.id,
	title: text(r, 'title'),
	schoolId: text(r, 'schoolId'),
	frameworkId: text(r, 'frameworkId'),
	stage: typeof r.values.stage === 'number' ? r.values.stage : 1,
	lead: text(r, 'lead'),
	members: strings(r, 'members'),
	componentIds: strings(r, 'componentIds')
});

export const toActivity = (r: LocalRecord): ActivitySummary => ({
	id: r.id,
	auditId: r.scope,
	componentId: text(r, 'componentId'),
	promptId: textOrNull(r, 'promptId'),
	kind: text(r, 'kind'),
	title: text(r, 'title'),
	status: text(r, 'status'),
	plannedStart: textOrNull(r, 'plannedStart'),
	location: textOrNull(r, 'location')
});

export async function auditOnDevice(
	db: FieldbookDatabase,
	auditId: string
): Promise<AuditDetail | null> {
	const row = liveOf(await db.records.get(auditId), 'audit');
	return row ? toAudit(row) : null;
}

/** An audit's activities, planned time first (unplanned last), then in the order they were made. */
export async function activitiesOf(
	db: FieldbookDatabase,
	auditId: string
): Promise<ActivitySummary[]> {
	const rows = await db.records.where('[type+scope]').equals(['activity', auditId]).toArray();
	return rows
		.filter((r) => !r.deleted)
		.map(toActivity)
		.sort(
			(a, b) =>
				(a.plannedStart ?? '\uffff').localeCompare(b.plannedStart ?? '\uffff') ||
				a.id.localeCompare(b.id)
		);
}

/** The audits held on this device, by title. */
export async function auditsOnDevice(db: FieldbookDatabase): Promise<AuditSummary[]> {
	const rows = await db.records.where('type').equals('audit').toArray();
	return rows
		.filter((r) => !r.deleted)
		.map((r) => ({ id: r.id, title: text(r, 'title') }))
		.sort((a, b) => a.title.localeCompare(b.title));
}

export async function auditTitle(db: FieldbookDatabase, auditId: string): Promise<string | null> {
	const row = await db.records.get(auditId);
	return row && row.type === 'audit' && !row.deleted ? text(row, 'title') : null;
}
