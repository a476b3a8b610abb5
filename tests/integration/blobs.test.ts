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

let server: RunningServer;
const users: Record<string, { client: ApiClient; id: string }> = {};

async function account(name: string, role: 'advisor' | 'viewer') {
	users[name] = await signedInAccount(server, name, role);
}

async function put(
	client: ApiClient,
	hash: string,
	bytes: Uint8Array<ArrayBuffer>,
	type = 'image/jpeg'
) {
	const res = await fetch(`${server.url}/api/blobs/${hash}`, {
		method: 'PUT',
		headers: { 'content-type': type, cookie: client.cookie },
		body: bytes
	});
	return res.status;
}

async function get(client: ApiClient, hash: string) {
	const res = await fetch(`${server.url}/api/blobs/${hash}`, {
		headers: { cookie: client.cookie }
	});
	return {
		status: res.status,
		type: res.headers.get('content-type'),
		bytes: new Uint8Array(await res.arrayBuffer())
	};
}

const photo = new Uint8Array(randomBytes(50_000));
const hash = createHash('sha256').update(photo).digest('hex');

beforeAll(async () => {
	server = await startServer();
	await account('pia', 'advisor');
	await account('max', 'advisor');
	await account('vic', 'viewer');
});
afterAll(() => server?.dispose());

describe('PUT and GET /api/blobs/{sha256}', () => {
	it('stores a photo once under its hash: 201, then 200 on repeat', async () => {
		expect(await put(users.pia!.client, hash, photo)).toBe(201);
		expect(await put(users.pia!.client, hash, photo)).toBe(200);
		const back = await get(users.pia!.client, hash);
		expect(back.status).toBe(200);
		expect(back.type).toBe('image/jpeg');
		expect(Buffer.from(back.bytes).equals(Buffer.from(photo))).toBe(true);
	});

	it('refuses bytes that do not match the hash, a non-image, a viewer and nobody', async () => {
		const other = new Uint8Array(randomBytes(100));
		expect(
			await put(users.pia!.client, hash.replace(/^./, hash[0] === 'a' ? 'b' : 'a'), other)
		).toBe(400);
		const textHash = createHash('sha256').update(other).digest('hex');
		expect(await put(users.pia!.client, textHash, other, 'text/html')).toBe(415);
		expect(await put(users.vic!.client, textHash, other)).toBe(403);
		expect(await put(new ApiClient(server.url), textHash, other)).toBe(401);
		expect((await get(users.pia!.client, textHash)).status).toBe(404);
	});

	it('shows a photo only to those who may read the audit it was uploaded into', async () => {
		// Max is in no audit with Pia: the photo is hers alone (404: nobody learns it exists).
		expect((await get(users.max!.client, hash)).status).toBe(404);

		const pia = new FakeDevice('9a00000000000001');
		const schoolId = newId();
		const auditId = newId();
		const withPhoto = { ...observationFields(newId(), 'Wall of kind words'), photoHashes: [hash] };
		const res = await users.pia!.client.call(
			'POST',
			'/api/sync/push',
			pia.body([
				pia.change('school', schoolId, 'org', schoolFields()),
				pia.change(
					'audit',
					auditId,
					auditId,
					auditFields(schoolId, users.pia!.id, [users.pia!.id, users.max!.id])
				),
				pia.change('observation', newId(), auditId, withPhoto)
			])
		);
		expect(res.body.quarantined).toEqual([]);
		// Now Max is a member of the audit whose note names the photo.
		expect((await get(users.max!.client, hash)).status).toBe(200);
		// The viewer is in no audit.
		expect((await get(users.vic!.client, hash)).status).toBe(404);
	});
});
