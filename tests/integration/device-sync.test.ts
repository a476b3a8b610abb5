import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { writeRecord } from '../../src/lib/client/db/write';
import { syncOnce } from '../../src/lib/client/sync/engine';
import { httpTransport } from '../../src/lib/client/sync/http-transport';
import { auditFields, newId, observationFields, schoolFields } from '../helpers/changes';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../helpers/server';
import { unlockedVault } from '../helpers/vault';

let server: RunningServer;
let cookie = '';
let userId = '';

beforeAll(async () => {
	server = await startServer();
	const login = await new ApiClient(server.url).login(testAdmin.email, testAdmin.password);
	cookie = login.headers.get('set-cookie')!.split(';')[0]!;
	userId = login.body.user.id;
});
afterAll(() => server?.dispose());

/** The real engine and transport, talking HTTP to whichever server process runs now. */
function sync(db: FieldbookDatabase, clientId: string) {
	const withCookie: typeof fetch = (input, init) =>
		fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
	return syncOnce(db, httpTransport(server.url, withCookie), clientId);
}

describe('a device syncing with the real server over HTTP', () => {
	it('keeps everything when the server dies mid-sync, and sends each change once on retry', async () => {
		const clientId = 'de01000000000001';
		const db = new FieldbookDatabase(
			'device',
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			unlockedVault()
		);
		const schoolId = newId();
		const auditId = newId();
		await writeRecord(db, clientId, userId, {
			type: 'school',
			id: schoolId,
			scope: 'org',
			fields: schoolFields()
		});
		await writeRecord(db, clientId, userId, {
			type: 'audit',
			id: auditId,
			scope: auditId,
			fields: auditFields(schoolId, userId)
		});
		// A day's notes: two batches' worth.
		for (let i = 0; i < 700; i++) {
			const fields = observationFields(newId(), `Note ${i}: ${'pupils calm at lunch '.repeat(40)}`);
			await writeRecord(db, clientId, userId, {
				type: 'observation',
				id: newId(),
				scope: auditId,
				fields
			});
		}
		expect(await db.outbox.count()).toBe(702);

		// The server is killed while the device is pushing.
		const inFlight = sync(db, clientId).catch((e: unknown) => e);
		await new Promise((r) => setTimeout(r, 30));
		await server.stop('SIGKILL');
		const failed = await inFlight;
		expect(failed).toBeInstanceOf(Error);
		// Nothing saved on the device is gone; whatever was not acknowledged still waits.
		expect(await db.records.count()).toBe(702);
		const waiting = await db.outbox.count();
		expect(waiting).toBeGreaterThan(0);

		server = await server.restart();
		const done = await sync(db, clientId);
		expect(done).toMatchObject({ ok: true, quarantined: 0 });
		expect(await db.outbox.count()).toBe(0);

		const reader = new ApiClient(server.url);
		reader.cookie = cookie;
		let cursor = '';
		const seqs: number[] = [];
		for (;;) {
			const page = await reader.call(
				'GET',
				`/api/sync/pull?limit=1000${cursor ? `&since=${cursor}` : ''}`
			);
			seqs.push(
				...page.body.changes.filter((c: any) => c.clientId === clientId).map((c: any) => c.seq)
			);
			cursor = page.body.cursor;
			if (!page.body.more) break;
		}
		expect(seqs).toEqual(Array.from({ length: 702 }, (_, i) => i + 1));
		expect(await db.meta.get('lastSync')).toBeDefined();
	}, 120_000);

	it('answers a signed-out device with signed-out and loses nothing', async () => {
		const db = new FieldbookDatabase(
			'signed-out',
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			unlockedVault()
		);
		await writeRecord(db, 'de01000000000002', userId, {
			type: 'school',
			id: newId(),
			scope: 'org',
			fields: schoolFields('Kept')
		});
		const outcome = await syncOnce(db, httpTransport(server.url), 'de01000000000002');
		expect(outcome).toEqual({ ok: false, reason: 'signed-out', status: 401 });
		expect(await db.outbox.count()).toBe(1);
	});
});
