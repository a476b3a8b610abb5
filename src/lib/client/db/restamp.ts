import { compareHlc, HlcClock } from '$lib/sync/hlc';
import type { FieldbookDatabase } from './database';
import { getMetas, setMeta } from './meta';

/**
 * After a clock-ahead refusal: the device clock runs fast. The changes the server did not take
 * (seq > `processedSeq`) get new stamps from a clock corrected by the server's offset, and each
 * record field still carrying an old stamp takes the new one, so nothing is lost and the server
 * accepts the batch. Changes it did take keep their stamps: the server holds them as they are.
 * One transaction: a failure anywhere leaves every stamp, and the offset, as they were.
 */
export async function restamp(
	db: FieldbookDatabase,
	clientId: string,
	offsetMs: number,
	now: number,
	processedSeq = 0
) {
	await db.transaction('rw', [db.outbox, db.records, db.meta], async () => {
		await setMeta(db, 'clockOffsetMs', offsetMs);
		const pending = await db.outbox.orderBy('seq').toArray();
		// The stored last stamp is itself ahead, so start again from the corrected clock, but
		// after every stamp the server holds that this device has seen or written: a pending
		// write that beat one of them locally must beat it on the server too, or device and
		// server would disagree. Those stamps were accepted, so they are within the drift limit.
		const clock = new HlcClock(clientId, null);
		const corrected = now + offsetMs;
		const held = [
			...(await getMetas(db, ['maxRemoteHlc', 'maxAckedHlc'])),
			...pending.filter((e) => e.seq <= processedSeq).map((e) => e.change.hlc)
		];
		const newest = held.reduce((a, b) => (compareHlc(a, b) >= 0 ? a : b), '');
		if (newest) clock.receive(newest, corrected);

		const renamed = new Map<string, string>();
		for (const entry of pending.filter((e) => e.seq > processedSeq)) {
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
		await setMeta(db, 'hlc', clock.last);
	});
}
