import { createHash, randomBytes } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { syncOnce } from '../../src/lib/client/sync/engine';
import { httpTransport } from '../../src/lib/client/sync/http-transport';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import {
	ApiClient,
	signedInAccount,
	startServer,
	testAdmin,
	type RunningServer
} from '../helpers/server';
import { unlockedVault } from '../helpers/vault';

/*
 * Issue 14, item 9: a note flagged as a safeguarding concern is readable only by its author,
 * whoever flagged it, the audit's lead and admins — on the server and on every device. Mel is
 * a plain member of the audit: he must receive nothing of it, whenever and however it is
 * flagged. (The rule: src/lib/sync/withheld.ts.)
 */

let server: RunningServer;
type Person = { client: ApiClient; id: string; device: FakeDevice };
const people: Record<'ann' | 'lee' | 'mel' | 'adm', Person> = {} as never;
const auditId = newId();
const activityId = newId();
const photoBytes = new Uint8Array(randomBytes(3_000));
const photoHash = createHash('sha256').update(photoBytes).digest('hex');
const DISCLOSURE = 'A pupil said her stepfather hurts her when she is late home';

type Pulled = { type: string; recordId: string; fields: Record<string, unknown> };

async function pull(person: Person, since = '') {
	const changes: Pulled[] = [];
	let cursor = since;
	for (;;) {
		const res = await person.client.call(
			'GET',
			`/api/sync/pull?limit=1000${cursor ? `&since=${cursor}` : ''}`
		);
		expect(res.status).toBe(200);
		changes.push(...res.body.changes);
		cursor = res.body.cursor;
		if (!res.body.more) return { changes, cursor };
	}
}

async function push(person: Person, changes: object[]) {
	const res = await person.client.call('POST', '/api/sync/push', person.device.body(changes));
	expect(res.status).toBe(200);
	return res.body.quarantined as { seq: number; reason: string; detail: string }[];
}

async function photoStatus(person: Person) {
	const res = await fetch(`${server.url}/api/blobs/${photoHash}`, {
		headers: { cookie: person.client.cookie }
	});
	return res.status;
}

const flag = (by: string) => ({
	flaggedAt: new Date().toISOString(),
	by,
	reportedAt: new Date().toISOString(),
	reportedTo: 'Deputy head (DSL)'
});

/** Nothing of the note travels: its record appears only as bare withheld markers. */
function expectNothingOf(changes: Pulled[], noteId: string) {
	const text = JSON.stringify(changes);
	expect(text).not.toContain(DISCLOSURE);
	expect(text).not.toContain(photoHash);
	expect(text).not.toContain('Deputy head (DSL)');
	for (const c of changes.filter((c) => c.recordId === noteId))
		expect(c.fields).toEqual({ withheld: true });
}

function contentOf(changes: Pulled[], noteId: string) {
	return changes.filter((c) => c.recordId === noteId && !('withheld' in c.fields));
}

beforeAll(async () => {
	server = await startServer();
	for (const [i, name] of (['ann', 'lee', 'mel'] as const).entries()) {
		const account = await signedInAccount(server, name, 'advisor');
		people[name] = { ...account, device: new FakeDevice(`5afe00000000000${i}`) };
	}
	const admin = new ApiClient(server.url);
	const login = await admin.login(testAdmin.email, testAdmin.password);
	people.adm = {
		client: admin,
		id: login.body.user.id,
		device: new FakeDevice('5afe00000000000a')
	};
	const { ann, lee, mel } = people;
	const schoolId = newId();
	expect(
		await push(lee, [
			lee.device.change('school', schoolId, 'org', schoolFields()),
			lee.device.change(
				'audit',
				auditId,
				auditId,
				auditFields(schoolId, lee.id, [lee.id, ann.id, mel.id])
			)
		])
	).toEqual([]);
	const put = await fetch(`${server.url}/api/blobs/${photoHash}`, {
		method: 'PUT',
		headers: { 'content-type': 'image/jpeg', cookie: ann.client.cookie },
		body: photoBytes
	});
	expect(put.status).toBe(201);
});
afterAll(() => server?.dispose());

describe('a note flagged as a safeguarding concern', () => {
	const noteId = newId();
	let melCursor = '';

	it('reaches the plain member before it is flagged, as any note does', async () => {
		const { ann, mel } = people;
		const fields = { ...observationFields(activityId, DISCLOSURE), photoHashes: [photoHash] };
		expect(await push(ann, [ann.device.change('observation', noteId, auditId, fields)])).toEqual(
			[]
		);
		const seen = await pull(mel);
		expect(contentOf(seen.changes, noteId)).toHaveLength(1);
		expect(await photoStatus(mel)).toBe(200);
		melCursor = seen.cursor;
	});

	it('once flagged, is erased from the member who had it and withheld from every pull of his', async () => {
		const { ann, mel } = people;
		const flagged = ann.device.change(
			'observation',
			noteId,
			auditId,
			{ safeguarding: flag(ann.id) },
			{ safeguarding: ann.device.stale }
		);
		expect(await push(ann, [flagged])).toEqual([]);
		const next = await pull(mel, melCursor);
		expect(next.changes.some((c) => c.recordId === noteId)).toBe(true);
		expectNothingOf(next.changes, noteId);
		expectNothingOf((await pull(mel)).changes, noteId);
		expect(await photoStatus(mel)).toBe(404);
		melCursor = next.cursor;
	});

	it('its author, the lead and an admin still read all of it, photo included', async () => {
		for (const reader of [people.ann, people.lee, people.adm]) {
			const { changes } = await pull(reader);
			const text = JSON.stringify(contentOf(changes, noteId));
			expect(text).toContain(DISCLOSURE);
			expect(text).toContain('Deputy head (DSL)');
			expect(await photoStatus(reader)).toBe(200);
		}
	});

	it("a plain member's push can neither change, unflag nor delete it", async () => {
		const { mel, ann } = people;
		const stale = { text: mel.device.stale };
		const tries = [
			mel.device.change('observation', noteId, auditId, { text: 'Overwritten' }, stale),
			mel.device.change('observation', noteId, auditId, { safeguarding: null }, stale),
			mel.device.change('observation', noteId, auditId, { deleted: true }, stale)
		];
		const refused = await push(mel, tries);
		expect(refused.map((q) => q.reason)).toEqual(['forbidden', 'forbidden', 'forbidden']);
		expect(JSON.stringify(refused)).not.toContain(DISCLOSURE);
		const { changes } = await pull(ann);
		const text = JSON.stringify(contentOf(changes, noteId));
		expect(text).not.toContain('Overwritten');
		expectNothingOf((await pull(mel, melCursor)).changes, noteId);
	});

	it('a conflict about it reaches only those who read the note', async () => {
		const { ann, lee, mel } = people;
		const edit = (p: Person, text: string) =>
			p.device.change('observation', noteId, auditId, { text }, { text: p.device.stale });
		expect(await push(lee, [edit(lee, `${DISCLOSURE} (told the DSL)`)])).toEqual([]);
		expect(await push(ann, [edit(ann, `${DISCLOSURE} (reported at 10:05)`)])).toEqual([]);
		const annSees = (await pull(ann)).changes.filter((c) => c.type === 'conflict');
		expect(JSON.stringify(annSees)).toContain('reported at 10:05');
		const melSees = await pull(mel, melCursor);
		expectNothingOf(melSees.changes, noteId);
		const conflicts = melSees.changes.filter((c) => c.type === 'conflict');
		expect(conflicts.length).toBeGreaterThan(0);
		for (const c of conflicts) expect(c.fields).toEqual({ withheld: true });
		melCursor = melSees.cursor;
	});

	it('unflagged, it reaches the member whole; flagged again, it is erased again', async () => {
		const { ann, mel } = people;
		const set = (value: unknown) =>
			ann.device.change(
				'observation',
				noteId,
				auditId,
				{ safeguarding: value },
				{ safeguarding: ann.device.stale }
			);
		expect(await push(ann, [set(null)])).toEqual([]);
		const open = await pull(mel, melCursor);
		expect(JSON.stringify(contentOf(open.changes, noteId))).toContain(DISCLOSURE);
		expect(await photoStatus(mel)).toBe(200);

		expect(await push(ann, [set(flag(ann.id))])).toEqual([]);
		const closed = await pull(mel, open.cursor);
		expect(closed.changes.some((c) => c.recordId === noteId)).toBe(true);
		expectNothingOf(closed.changes, noteId);
		expect(await photoStatus(mel)).toBe(404);

		// Unflagged and flagged again between two of his pulls: he sees none of it in between.
		expect(await push(ann, [set(null), set(flag(ann.id))])).toEqual([]);
		expectNothingOf((await pull(mel, closed.cursor)).changes, noteId);
		melCursor = closed.cursor;
	});

	it('a note flagged before its first sync never reaches the member at all', async () => {
		const { ann, mel } = people;
		const secret = newId();
		const fields = { ...observationFields(activityId, DISCLOSURE), safeguarding: flag(ann.id) };
		expect(await push(ann, [ann.device.change('observation', secret, auditId, fields)])).toEqual(
			[]
		);
		expectNothingOf((await pull(mel, melCursor)).changes, secret);
		expectNothingOf((await pull(mel)).changes, secret);
	});
});

describe("the plain member's tablet", () => {
	it('forgets a note and its photo when the note is flagged after it arrived', async () => {
		const { ann, mel } = people;
		const noteId = newId();
		const bytes = new Uint8Array(randomBytes(2_000));
		const hash = createHash('sha256').update(bytes).digest('hex');
		const headers = { 'content-type': 'image/jpeg', cookie: ann.client.cookie };
		const put = await fetch(`${server.url}/api/blobs/${hash}`, {
			method: 'PUT',
			headers,
			body: bytes
		});
		expect(put.status).toBe(201);
		const fields = { ...observationFields(activityId, DISCLOSURE), photoHashes: [hash] };
		expect(await push(ann, [ann.device.change('observation', noteId, auditId, fields)])).toEqual(
			[]
		);
		const db = new FieldbookDatabase(
			'mel-tablet',
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			unlockedVault()
		);
		const withCookie: typeof fetch = (input, init) =>
			fetch(input, {
				...init,
				headers: { ...(init?.headers as Record<string, string>), cookie: mel.client.cookie }
			});
		const sync = () => syncOnce(db, httpTransport(server.url, withCookie), '5afe0000000000ff');
		expect(await sync()).toMatchObject({ ok: true });
		expect((await db.records.get(noteId))?.values.text).toBe(DISCLOSURE);
		expect(await db.photos.get(hash)).toBeDefined();

		const flagged = ann.device.change(
			'observation',
			noteId,
			auditId,
			{ safeguarding: flag(ann.id) },
			{ safeguarding: ann.device.stale }
		);
		expect(await push(ann, [flagged])).toEqual([]);
		expect(await sync()).toMatchObject({ ok: true });
		expect(await db.records.get(noteId)).toBeUndefined();
		expect(await db.photos.get(hash)).toBeUndefined();
		const kept = await db.records.toArray();
		expect(JSON.stringify(kept.map((r) => r.values))).not.toContain(DISCLOSURE);
		db.close();
	});
});
