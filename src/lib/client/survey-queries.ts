import { responseFieldsSchema, type SurveyResponse } from '$lib/domain/response';
import type { FieldbookDatabase } from './db/database';

/**
 * The responses to one survey activity, oldest first (ids are UUIDv7, so by time made). A
 * response in a shape this app does not know is left out rather than counted wrong.
 */
export async function responsesOf(
	db: FieldbookDatabase,
	auditId: string,
	activityId: string
): Promise<SurveyResponse[]> {
	const rows = await db.records.where('[type+scope]').equals(['response', auditId]).toArray();
	return rows
		.filter((r) => !r.deleted && r.values.activityId === activityId)
		.flatMap((r) => {
			const parsed = responseFieldsSchema.safeParse(r.values);
			return parsed.success ? [{ ...parsed.data, id: r.id }] : [];
		})
		.sort((a, b) => a.id.localeCompare(b.id));
}
