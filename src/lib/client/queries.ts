import type { FieldbookDatabase, LocalRecord } from './db/database';
import { lastAttempt, lastSuccess, waiting } from './db/sync-state';

/** Read-only queries behind the Audits pages; run them through `live()` from a component. */

export interface AuditSummary {
	id: string;
	title: string;
}

export interface ObservationNote {
	id: string;
	scope: string;
	text: string;
	location: string | null;
	judgement: string;
	capturedAt: string;
	/** A person must merge two versions of its text (DESIGN.md §3, "2 versions — merge"). */
	inConflict: boolean;
}

const text = (record: LocalRecord, field: string) => {
	const value = record.values[field];
	return typeof value === 'string' ? value : '';
};

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

/** An audit's observations in the order they were captured, each marked if its text is in conflict. */
export async function observationsOf(
	db: FieldbookDatabase,
	auditId: string
): Promise<ObservationNote[]> {
	const [rows, conflicts] = await Promise.all([
		db.records.where('[type+scope]').equals(['observation', auditId]).toArray(),
		db.records.where('[type+scope]').equals(['conflict', auditId]).toArray()
	]);
	const conflicted = new Set(
		conflicts
			.filter((c) => !c.deleted && c.values.resolved === false && c.values.field === 'text')
			.map((c) => String(c.values.recordId))
	);
	return rows
		.filter((r) => !r.deleted)
		.map((r) => ({
			id: r.id,
			scope: r.scope,
			text: text(r, 'text'),
			location: typeof r.values.location === 'string' ? r.values.location : null,
			judgement: text(r, 'judgement'),
			capturedAt: text(r, 'capturedAt'),
			inConflict: conflicted.has(r.id)
		}))
		.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id));
}

/** The numbers the Sync page states, read together so they never disagree. */
export async function syncOverview(db: FieldbookDatabase) {
	const [waitingNow, attempt, success] = await Promise.all([
		waiting(db),
		lastAttempt(db),
		lastSuccess(db)
	]);
	return { waiting: waitingNow, attempt, success };
}
export type SyncOverview = Awaited<ReturnType<typeof syncOverview>>;
