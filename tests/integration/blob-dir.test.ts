import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import { signedInAccount, startServer, type RunningServer } from '../helpers/server';

/*
 * Issue 15: FIELDBOOK_BLOB_DIR keeps photos as files in a directory every instance shares.
 * Two servers on one database and one directory: a photo sent to one is read from the other,
 * its bytes are a file named by its hash (not a database value), and the photo rule holds —
 * members of the scope read it, others get the same 404 as for no photo at all.
 */

const blobDir = mkdtempSync(join(tmpdir(), 'fieldbook-blobs-'));
const dbDir = mkdtempSync(join(tmpdir(), 'fieldbook-it-'));
let one: RunningServer;
let two: RunningServer;
type Person = { cookie: string; id: string; device: FakeDevice; auditId: string };
const people: Record<'ann' | 'bea' | 'mel', Person> = {} as never;

const bytes = new Uint8Array(randomBytes(3_000));
const hash = createHash('sha256').update(bytes).digest('hex');

const put = (server: RunningServer, person: Person) =>
	fetch(`${server.url}/api/blobs/${hash}`, {
		method: 'PUT',
		headers: { 'content-type': 'image/jpeg', cookie: person.cookie },
		body: bytes
	}).then((r) => r.status);

const get = (server: RunningServer, person: Person) =>
	fetch(`${server.url}/api/blobs/${hash}`, { headers: { cookie: person.cookie } });

async function push(server: RunningServer, person: Person, changes: object[]) {
	const res = await fetch(`${server.url}/api/sync/push`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: person.cookie },
		body: JSON.stringify(person.device.body(changes))
	});
	expect(res.status).toBe(200);
	expect((await res.json()).quarantined).toEqual([]);
}

beforeAll(async () => {
	const env = { FIELDBOOK_BLOB_DIR: blobDir };
	one = await startServer({ env, dbDir });
	two = await startServer({ env, dbDir, databaseUrl: one.databaseUrl ?? undefined });
	const schoolId = newId();
	for (const [i, name] of (['ann', 'bea', 'mel'] as const).entries()) {
		const account = await signedInAccount(one, name, 'advisor');
		const device = new FakeDevice(`b10bd1e00000000${i}`);
		people[name] = { cookie: account.client.cookie, id: account.id, device, auditId: newId() };
	}
	const { ann, bea, mel } = people;
	await push(one, ann, [ann.device.change('school', schoolId, 'org', schoolFields())]);
	const annsAudit = auditFields(schoolId, ann.id, [ann.id, mel.id]);
	await push(two, ann, [ann.device.change('audit', ann.auditId, ann.auditId, annsAudit)]);
	const beasAudit = auditFields(schoolId, bea.id);
	await push(one, bea, [bea.device.change('audit', bea.auditId, bea.auditId, beasAudit)]);
});
afterAll(async () => {
	await two?.stop();
	await one?.dispose();
	rmSync(blobDir, { recursive: true, force: true });
});

describe('photos in a shared directory (FIELDBOOK_BLOB_DIR)', () => {
	it('a photo sent to one server is a file named by its hash, and no bytes in the database', async () => {
		const { ann } = people;
		expect(await put(one, ann)).toBe(201);
		expect(existsSync(join(blobDir, hash))).toBe(true);
		expect(new Uint8Array(readFileSync(join(blobDir, hash)))).toEqual(bytes);
		// Only the photo itself: no half-written copy left beside it.
		expect(readdirSync(blobDir)).toEqual([hash]);
		const db = await one.openDatabase();
		try {
			const row = await db
				.selectFrom('blobs')
				.select(['bytes', 'size'])
				.where('hash', '=', hash)
				.executeTakeFirstOrThrow();
			expect(row.bytes.byteLength).toBe(0);
			expect(Number(row.size)).toBe(bytes.byteLength);
		} finally {
			await db.destroy();
		}
		// The sender reads it back from the other server.
		const back = await get(two, ann);
		expect(back.status).toBe(200);
		expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
	});

	it('the photo rule holds: members of its audit read it from either server, no one else', async () => {
		const { ann, bea, mel } = people;
		expect((await get(one, mel)).status).toBe(404);
		const fields = { ...observationFields(newId(), 'Kind words on the wall'), photoHashes: [hash] };
		await push(two, ann, [ann.device.change('observation', newId(), ann.auditId, fields)]);
		for (const server of [one, two]) {
			const read = await get(server, mel);
			expect(read.status).toBe(200);
			expect(new Uint8Array(await read.arrayBuffer())).toEqual(bytes);
			expect((await get(server, bea)).status).toBe(404);
		}
	});

	it('the same bytes sent again by someone else keep one file, and answer as a new upload for them', async () => {
		const { bea } = people;
		expect(await put(two, bea)).toBe(201);
		expect(await put(one, bea)).toBe(200);
		expect(readdirSync(blobDir)).toEqual([hash]);
		// She sent these bytes herself: she reads her own upload, bound to no scope of hers yet.
		expect((await get(one, bea)).status).toBe(200);
	});
});
