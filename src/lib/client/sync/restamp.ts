import { HlcClock } from '$lib/sync/hlc';
import { metaValue } from '../db/write';
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
		// The stored last stamp is itself ahead, so start again from the corrected clock, but
		// after every stamp pulled from others: a pending write that beat one of them locally
		// must beat it on the server too, or device and server would disagree.
		const clock = new HlcClock(clientId, null);
		const corrected = now + offsetMs;
		const maxRemote = await metaValue<string>(db, 'maxRemoteHlc', '');
		if (maxRemote) clock.receive(maxRemote, corrected);
		const renamed = new Map<string, string>();
		for (const entry of await db.outbox.orderBy('seq').toArray()) {
			const old = entry.change.hlc;
			const hlc = clock.now(corrected);
			renamed.set(old, hlc);
			// A later pending change that had seen this one still says so.
			const base = entry.change.base
				? Object.fromEntries(
						Object.entries(entry.change.base).map(([f, h]) => [f, renamed.get(h) ?? h])
					)
				: entry.change.base;
			await db.outbox.put({ ...entry, change: { ...entry.change, hlc, base } });
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
