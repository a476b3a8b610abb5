import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';

/** An activity to plan, `minutes` from the test's now (null: no time set). */
export interface PlannedInput {
	title: string;
	minutes: number | null;
	location: string;
	kind?: string;
	status?: 'planned' | 'in-progress' | 'done';
}

export interface PlannedActivity extends PlannedInput {
	id: string;
}

/**
 * Pushes `activities` into the audit as one batch from a client of its own, with times relative
 * to `now`; `finished` names activities already there (the seeded one) to mark done.
 */
export async function planVisit(
	api: APIRequestContext,
	auditId: string,
	now: number,
	activities: PlannedInput[],
	finished: string[] = []
): Promise<PlannedActivity[]> {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const planned = activities.map((a) => ({ ...a, id: uuidv7() }));
	const records = [
		...planned.map((a) => ({
			recordId: a.id,
			fields: {
				componentId: 'c1',
				promptId: null,
				kind: a.kind ?? 'interview',
				title: a.title,
				status: a.status ?? 'planned',
				plannedStart: a.minutes === null ? null : new Date(now + a.minutes * 60_000).toISOString(),
				location: a.location,
				deleted: false
			}
		})),
		...finished.map((id) => ({ recordId: id, fields: { status: 'done' } }))
	];
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		type: 'activity',
		scope: auditId,
		...r,
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect(push.status()).toBe(200);
	expect(await push.json()).toMatchObject({ lastProcessedSeq: changes.length, quarantined: [] });
	return planned;
}

/**
 * A fixed-offset zone in which `now` is mid-morning (10:00–10:59), so that times relative to now
 * fall in the same morning, the afternoon and the next day whenever the test runs.
 */
export function midMorningZone(now: number): string {
	const offset = ((10 - new Date(now).getUTCHours() + 36) % 24) - 12;
	// POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
	return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
