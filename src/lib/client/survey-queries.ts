import { responseFieldsSchema, type SurveyResponse } from '$lib/domain/response';
import type { FieldbookDatabase, LocalRecord } from './db/database';

/**
 * Live responses of `rows`, oldest first (ids are UUIDv7, so by time made). A response in a
 * shape this app does not know is left out rather than counted wrong.
 */
export function toResponses(rows: LocalRecord[]): SurveyResponse[] {
	return rows
		.filter((r) => !r.deleted)
		.flatMap((r) => {
			const parsed = responseFieldsSchema.safeParse(r.values);
			return parsed.success ? [{ ...parsed.data, id: r.id }] : [];
		})
		.sort((a, b) => a.id.localeCompare(b.id));
}

/** The responses to one survey activity, oldest first. */
export async function responsesOf(
	db: FieldbookDatabase,
	auditId: string,
	activityId: string
): Promise<SurveyResponse[]> {
	const rows = await db.records.where('[type+scope]').equals(['response', auditId]).toArray();
	return toResponses(rows.filter((r) => r.values.activityId === activityId));
}
