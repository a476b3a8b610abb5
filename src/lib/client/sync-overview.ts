import { openConflictCount } from './db/conflict-count';
import type { FieldbookDatabase } from './db/database';
import { lastAttempt, lastSuccess, waiting } from './db/sync-state';

/** The numbers the Sync page and Today state, read together so they never disagree. */
export async function syncOverview(db: FieldbookDatabase) {
	const [waitingNow, attempt, success, conflicts] = await Promise.all([
		waiting(db),
		lastAttempt(db),
		lastSuccess(db),
		openConflictCount(db)
	]);
	return { waiting: waitingNow, attempt, success, conflicts };
}
export type SyncOverview = Awaited<ReturnType<typeof syncOverview>>;
