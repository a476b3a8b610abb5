import { HlcClock } from '$lib/sync/hlc';
import type { FieldbookDatabase } from '../db/database';

/**
 * After a clock-ahead refusal: the device clock runs fast. Pending changes get new stamps from
 * a clock corrected by the server's offset, and each record field still carrying an old stamp
 * takes the new one, so nothing is lost and the server accepts the batch.
 */
export async function restamp(
	db: FieldbookDatabase,
	clientId: string,
	offsetMs: number,
	now: number
) {
	await db.transaction('rw', [db.outbox, db.records, db.meta], async () => {
		await db.meta.put({ key: 'clockOffsetMs', value: offsetMs });
		// The stored last stamp is itself ahead; start again from the corrected clock.
		const clock = new HlcClock(clientId, null);
		const corrected = now + offsetMs;
		const pending = await db.outbox.orderBy('seq').toArray();
		for (const entry of pending) {
			const old = entry.change.hlc;
			const hlc = clock.now(corrected);
			await db.outbox.put({ ...entry, change: { ...entry.change, hlc } });
			const record = await db.records.get(entry.change.recordId);
			if (!record) continue;
			for (const field of Object.keys(entry.change.fields)) {
				if (record.hlcs[field] === old) record.hlcs[field] = hlc;
			}
			await db.records.put(record);
		}
		await db.meta.put({ key: 'hlc', value: clock.last });
	});
}
