import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import { ApiClient, signedInAccount, startServer, type RunningServer } from '../helpers/server';

/*
 * Issue 12, finding 2: whoever knew a photo's hash could read it by naming it in a record of
 * their own audit; a removed member kept every photo the same way; a PUT of stored bytes
 * answered 200, telling anyone that the photo existed. DESIGN.md §4: a user reads a photo only
 * when it was uploaded into a scope the user can read.
 */

let server: RunningServer;
type Person = { client: ApiClient; id: string; device: FakeDevice; auditId: string };
const people: Record<'ann' | 'bea' | 'mel', Person> = {} as never;

function photo() {
	const bytes = new Uint8Array(randomBytes(2_000));
	return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

async function put(person: Person, p: { bytes: Uint8Array<ArrayBuffer>; hash: string }) {
	const res = await fetch(`${server.url}/api/blobs/${p.hash}`, {
		method: 'PUT',
		headers: { 'content-type': 'image/jpeg', cookie: person.client.cookie },
		body: p.bytes
	});
	return res.status;
}

async function get(person: Person, hash: string) {
	const res = await fetch(`${server.url}/api/blobs/${hash}`, {
		headers: { cookie: person.client.cookie }
	});
	return res.status;
}

async function push(person: Person, changes: object[]) {
	const res = await person.client.call('POST', '/api/sync/push', person.device.body(changes));
	expect(res.body.quarantined).toEqual([]);
}

/** An observation in the person's own audit naming `hashes`. */
function note(person: Person, hashes: string[]) {
	const fields = { ...observationFields(newId(), 'The wall of kind words'), photoHashes: hashes };
	return person.device.change('observation', newId(), person.auditId, fields);
}

beforeAll(async () => {
	server = await startServer();
	const schoolId = newId();
	for (const [i, name] of (['ann', 'bea', 'mel'] as const).entries()) {
		const account = await signedInAccount(server, name, 'advisor');
		const device = new FakeDevice(`c0ffee000000000${i}`);
		people[name] = { ...account, device, auditId: newId() };
	}
	const { ann, bea, mel } = people;
	await push(ann, [ann.device.change('school', schoolId, 'org', schoolFields())]);
	// Ann's audit has Mel as a member; Bea and Mel each have their own audit too.
	await push(ann, [
		ann.device.change(
			'audit',
			ann.auditId,
			ann.auditId,
			auditFields(schoolId, ann.id, [ann.id, mel.id])
		)
	]);
	await push(bea, [
		bea.device.change('audit', bea.auditId, bea.auditId, auditFields(schoolId, bea.id))
	]);
	await push(mel, [
		mel.device.change('audit', mel.auditId, mel.auditId, auditFields(schoolId, mel.id))
	]);
});
afterAll(() => server?.dispose());

describe('finding 2: a photo is read through the scope it was uploaded into', () => {
	const annsPhoto = photo();

	it('members of the audit read a photo uploaded before its note (as the app does)', async () => {
		const { ann, mel, bea } = people;
		expect(await put(ann, annsPhoto)).toBe(201);
		expect(await get(ann, annsPhoto.hash)).toBe(200);
		expect(await get(mel, annsPhoto.hash)).toBe(404);
		await push(ann, [note(ann, [annsPhoto.hash])]);
		expect(await get(mel, annsPhoto.hash)).toBe(200);
		expect(await get(bea, annsPhoto.hash)).toBe(404);
	});

	it('and a photo uploaded after its note', async () => {
		const { ann, mel } = people;
		const late = photo();
		await push(ann, [note(ann, [late.hash])]);
		expect(await get(mel, late.hash)).toBe(404);
		expect(await put(ann, late)).toBe(201);
		expect(await get(mel, late.hash)).toBe(200);
	});

	it("naming someone else's hash in one's own audit grants nothing", async () => {
		const { bea } = people;
		await push(bea, [note(bea, [annsPhoto.hash])]);
		expect(await get(bea, annsPhoto.hash)).toBe(404);
	});

	it('a PUT answers the same whether or not the bytes were already stored', async () => {
		const { bea } = people;
		// Bea holds the same bytes: her first upload of them is "stored", as for any new photo.
		expect(await put(bea, annsPhoto)).toBe(201);
		expect(await put(bea, annsPhoto)).toBe(200);
	});

	it('a removed member loses access, even by naming the hash in an audit of their own', async () => {
		const { ann, mel } = people;
		expect(await get(mel, annsPhoto.hash)).toBe(200);
		await push(ann, [
			ann.device.change(
				'audit',
				ann.auditId,
				ann.auditId,
				{ members: [ann.id] },
				{ members: ann.device.stale }
			)
		]);
		expect(await get(mel, annsPhoto.hash)).toBe(404);
		await push(mel, [note(mel, [annsPhoto.hash])]);
		expect(await get(mel, annsPhoto.hash)).toBe(404);
		expect(await get(ann, annsPhoto.hash)).toBe(200);
	});
});
