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
const people: Record<string, { client: ApiClient; id: string }> = {};

async function account(name: string, role: 'advisor' | 'viewer') {
	people[name] = await signedInAccount(server, name, role);
	return people[name]!;
}

async function pullAll(client: ApiClient, since?: string) {
	const res = await client.call('GET', `/api/sync/pull${since ? `?since=${since}` : ''}`);
	expect(res.status).toBe(200);
	return res.body as { changes: any[]; cursor: string; more: boolean; revokedScopes: string[] };
}

beforeAll(async () => {
	server = await startServer();
	await account('ann', 'advisor');
	await account('bob', 'advisor');
	await account('val', 'viewer');
});
afterAll(() => server?.dispose());

describe('push and pull between devices', () => {
	const ann = new FakeDevice('aaaaaaaaaaaaaaa1');
	const schoolId = newId();
	const auditId = newId();
	const activityId = newId();
	const observationId = newId();
	let annCursor = '';
	let firstBody: unknown;

	it('accepts a new school, audit and observation and serves them back in order', async () => {
		const { client, id } = people.ann!;
		const changes = [
			ann.change('school', schoolId, 'org', schoolFields()),
			ann.change('audit', auditId, auditId, auditFields(schoolId, id)),
			ann.change('observation', observationId, auditId, observationFields(activityId, 'Calm gate'))
		];
		firstBody = ann.body(changes);
		const res = await client.call('POST', '/api/sync/push', firstBody);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ lastProcessedSeq: 3, quarantined: [], conflicts: 0 });
		const pulled = await pullAll(client);
		expect(pulled.changes.map((c) => [c.type, c.seq, c.author])).toEqual([
			['school', 1, id],
			['audit', 2, id],
			['observation', 3, id]
		]);
		expect(pulled.changes.map((c) => c.serverSeq)).toEqual([1, 2, 3]);
		expect(pulled.more).toBe(false);
		annCursor = pulled.cursor;
	});

	it('acknowledges a replayed batch without logging it twice', async () => {
		const { client } = people.ann!;
		// The same request again, as after a reply lost on the way back.
		const res = await client.call('POST', '/api/sync/push', firstBody);
		expect(res.body).toMatchObject({ lastProcessedSeq: 3, quarantined: [] });
		expect((await pullAll(client, annCursor)).changes).toEqual([]);
	});

	it('keeps a different change under a used seq in quarantine, never applied nor dropped', async () => {
		const { client } = people.ann!;
		// A second tablet restored from a backup of this one writes on with the same seqs.
		const twin = new FakeDevice(ann.clientId);
		const rename = twin.change('school', schoolId, 'org', { name: 'Renamed on the twin' }, null);
		const res = await client.call('POST', '/api/sync/push', twin.body([rename]));
		expect(res.body).toMatchObject({
			lastProcessedSeq: 3,
			quarantined: [{ seq: 1, reason: 'invalid' }]
		});
		expect((await pullAll(client, annCursor)).changes).toEqual([]);
	});

	it('quarantines the one invalid change of a batch and applies the rest', async () => {
		const { client } = people.ann!;
		const good1 = ann.change('school', newId(), 'org', schoolFields('Good One'));
		const bad = ann.change('school', newId(), 'org', { ...schoolFields('Bad'), urn: '12' });
		const good2 = ann.change('school', newId(), 'org', schoolFields('Good Two'));
		const unknown = ann.change('spaceship', newId(), 'org', { name: 'x' });
		const malformed = {
			...ann.change('school', newId(), 'org', schoolFields('Bad clock')),
			hlc: 'yesterday'
		};
		const good3 = ann.change('school', newId(), 'org', schoolFields('Good Three'));
		const batch = [good1, bad, good2, unknown, malformed, good3];
		const res = await client.call('POST', '/api/sync/push', ann.body(batch));
		expect(res.body).toMatchObject({
			lastProcessedSeq: good3.seq,
			quarantined: [
				{ seq: bad.seq, reason: 'invalid' },
				{ seq: unknown.seq, reason: 'unknown-type' },
				{ seq: malformed.seq, reason: 'invalid' }
			]
		});
		const pulled = await pullAll(client, annCursor);
		expect(pulled.changes.map((c) => c.fields.name)).toEqual([
			'Good One',
			'Good Two',
			'Good Three'
		]);
		annCursor = pulled.cursor;
	});

	it('stops a batch at a gap, and refuses a clock too far ahead without losing the rest', async () => {
		const { client } = people.ann!;
		const gap = { ...ann.change('school', newId(), 'org', schoolFields()), seq: ann.seq + 5 };
		ann.seq--;
		expect(
			(await client.call('POST', '/api/sync/push', ann.body([gap]))).body.lastProcessedSeq
		).toBe(ann.seq);
		const now = ann.change('school', newId(), 'org', schoolFields('In time'));
		const ahead = ann.change(
			'school',
			newId(),
			'org',
			schoolFields('Ahead'),
			null,
			ann.hlc(10 * 60_000)
		);
		const res = await client.call('POST', '/api/sync/push', ann.body([now, ahead]));
		expect(res.status).toBe(409);
		expect(res.body).toMatchObject({ error: 'clock-ahead', lastProcessedSeq: now.seq });
		expect(Date.parse(res.body.serverTime)).not.toBeNaN();
		ann.seq = now.seq;
	});

	it('keeps both texts when two members edit one observation, as a conflict both can pull', async () => {
		const { client: annClient, id: annId } = people.ann!;
		const { client: bobClient, id: bobId } = people.bob!;
		const lead = new FakeDevice('aaaaaaaaaaaaaaa1', Date.now() + 1000);
		lead.seq = ann.seq;
		const addBob = lead.change(
			'audit',
			auditId,
			auditId,
			{ members: [annId, bobId] },
			{ members: ann.stale }
		);
		expect(
			(await annClient.call('POST', '/api/sync/push', lead.body([addBob]))).body.quarantined
		).toEqual([]);
		ann.seq = lead.seq;

		// Both had seen the note as first written; each edits it without the other's edit.
		const seen = (await pullAll(annClient)).changes.find((c) => c.recordId === observationId).hlc;
		const annEdit = lead.change(
			'observation',
			observationId,
			auditId,
			{ text: 'Ann: calm, warm gate' },
			{ text: seen }
		);
		const bob = new FakeDevice('bbbbbbbbbbbbbbb1', Date.now() + 2000);
		const bobEdit = bob.change(
			'observation',
			observationId,
			auditId,
			{ text: 'Bob: staff at the gate' },
			{ text: seen }
		);
		await annClient.call('POST', '/api/sync/push', lead.body([annEdit]));
		ann.seq = lead.seq;
		const res = await bobClient.call('POST', '/api/sync/push', bob.body([bobEdit]));
		expect(res.body).toMatchObject({ conflicts: 1, quarantined: [] });

		for (const client of [annClient, bobClient]) {
			const conflict = (await pullAll(client)).changes.find((c) => c.type === 'conflict');
			expect(conflict.scope).toBe(auditId);
			expect(conflict.fields).toMatchObject({
				recordType: 'observation',
				recordId: observationId,
				field: 'text',
				resolved: false
			});
			expect(conflict.fields.values.map((v: any) => [v.value, v.author])).toEqual([
				['Ann: calm, warm gate', annId],
				['Bob: staff at the gate', bobId]
			]);
		}
	});
});

describe('who may read and write what', () => {
	const ann = new FakeDevice('aaaaaaaaaaaaaaa2');
	const auditId = newId();
	const schoolId = newId();

	beforeAll(async () => {
		const { client, id } = people.ann!;
		await client.call(
			'POST',
			'/api/sync/push',
			ann.body([
				ann.change('school', schoolId, 'org', schoolFields('Private School')),
				ann.change('audit', auditId, auditId, auditFields(schoolId, id)),
				ann.change('observation', newId(), auditId, observationFields(newId(), 'Sensitive note'))
			])
		);
	});

	it('a non-member pulls the schools but nothing of the audit, and cannot write into it', async () => {
		const outsider = await account('otto', 'advisor');
		const pulled = await pullAll(outsider.client);
		expect(pulled.changes.some((c) => c.scope === auditId)).toBe(false);
		expect(pulled.changes.some((c) => c.recordId === schoolId)).toBe(true);
		expect(JSON.stringify(pulled)).not.toContain('Sensitive note');

		const otto = new FakeDevice('0770000000000001');
		const sneaky = otto.change(
			'observation',
			newId(),
			auditId,
			observationFields(newId(), 'Planted')
		);
		const takeover = otto.change(
			'audit',
			auditId,
			auditId,
			{ members: [outsider.id] },
			{ members: ann.stale }
		);
		const res = await outsider.client.call('POST', '/api/sync/push', otto.body([sneaky, takeover]));
		expect(res.body).toMatchObject({
			lastProcessedSeq: 2,
			quarantined: [
				{ seq: 1, reason: 'forbidden' },
				{ seq: 2, reason: 'forbidden' }
			]
		});
		expect(JSON.stringify(await pullAll(people.ann!.client))).not.toContain('Planted');
	});

	it('a viewer cannot write, even a school', async () => {
		const val = new FakeDevice('7a10000000000001');
		const res = await people.val!.client.call(
			'POST',
			'/api/sync/push',
			val.body([val.change('school', newId(), 'org', schoolFields('Viewer School'))])
		);
		expect(res.body.quarantined).toMatchObject([{ seq: 1, reason: 'forbidden' }]);
	});

	it('a device stays bound to its first user', async () => {
		const res = await people.bob!.client.call('POST', '/api/sync/push', ann.body([]));
		expect(res.status).toBe(403);
		expect(res.body.error).toBe('client-mismatch');
	});

	it('a member added later receives the history; removed, their devices are told to drop it', async () => {
		const { client: annClient, id: annId } = people.ann!;
		const bob = people.bob!;
		const before = await pullAll(bob.client);
		expect(before.changes.some((c) => c.scope === auditId)).toBe(false);

		const add = ann.change(
			'audit',
			auditId,
			auditId,
			{ members: [annId, bob.id] },
			{ members: ann.stale }
		);
		await annClient.call('POST', '/api/sync/push', ann.body([add]));
		const after = await pullAll(bob.client, before.cursor);
		expect(after.changes.filter((c) => c.scope === auditId).map((c) => c.type)).toEqual([
			'audit',
			'observation',
			'audit'
		]);
		expect(after.revokedScopes).not.toContain(auditId);

		const remove = ann.change(
			'audit',
			auditId,
			auditId,
			{ members: [annId] },
			{ members: ann.stale }
		);
		await annClient.call('POST', '/api/sync/push', ann.body([remove]));
		const late = ann.change(
			'observation',
			newId(),
			auditId,
			observationFields(newId(), 'After Bob left')
		);
		const pushed = await annClient.call('POST', '/api/sync/push', ann.body([late]));
		expect(pushed.body).toMatchObject({ lastProcessedSeq: late.seq, quarantined: [] });
		// Ann has the note; Bob, no longer a member, must not.
		expect(JSON.stringify(await pullAll(annClient))).toContain('After Bob left');
		const gone = await pullAll(bob.client, after.cursor);
		expect(gone.revokedScopes).toContain(auditId);
		expect(JSON.stringify(gone.changes)).not.toContain('After Bob left');
		// Nothing new since: an empty page, the same cursor, and the lost audit still named.
		expect(await pullAll(bob.client, gone.cursor)).toEqual({
			changes: [],
			cursor: gone.cursor,
			more: false,
			revokedScopes: gone.revokedScopes
		});
	});

	it('refuses a body over 2 MB with 413, and a cursor it never gave with 400', async () => {
		const big = 'x'.repeat(2 * 1024 * 1024 + 10);
		const res = await people.ann!.client.call('POST', '/api/sync/push', `{"pad":"${big}"}`);
		expect(res.status).toBe(413);
		expect((await people.ann!.client.call('GET', '/api/sync/pull?since=banana')).status).toBe(400);
		expect((await new ApiClient(server.url).call('GET', '/api/sync/pull')).status).toBe(401);
	});
});

describe('a conflict over a school', () => {
	it('is kept in the organisation scope, and a member can resolve it', async () => {
		const cara = await signedInAccount(server, 'cara', 'advisor');
		const dev = await signedInAccount(server, 'dev', 'advisor');
		const caraDevice = new FakeDevice('ca1a000000000001');
		const devDevice = new FakeDevice('de50000000000001', Date.now() + 1000);
		const schoolId = newId();
		const created = caraDevice.change('school', schoolId, 'org', schoolFields('Old name'));
		await cara.client.call('POST', '/api/sync/push', caraDevice.body([created]));
		const seen = { name: created.hlc };
		await cara.client.call(
			'POST',
			'/api/sync/push',
			caraDevice.body([caraDevice.change('school', schoolId, 'org', { name: 'Cara’s name' }, seen)])
		);
		const res = await dev.client.call(
			'POST',
			'/api/sync/push',
			devDevice.body([devDevice.change('school', schoolId, 'org', { name: 'Dev’s name' }, seen)])
		);
		expect(res.body.conflicts).toBe(1);

		const conflict = (await pullAll(dev.client)).changes.find(
			(c) => c.type === 'conflict' && c.fields.recordId === schoolId
		);
		expect(conflict.scope).toBe('org');
		const resolve = devDevice.change(
			'conflict',
			conflict.recordId,
			'org',
			{ resolved: true },
			{ resolved: conflict.hlc }
		);
		const merged = devDevice.change(
			'school',
			schoolId,
			'org',
			{ name: 'Agreed name' },
			{ name: devDevice.stale }
		);
		const done = await dev.client.call('POST', '/api/sync/push', devDevice.body([resolve, merged]));
		expect(done.body.quarantined).toEqual([]);
		const after = await pullAll(cara.client);
		const latest = (id: string, field: string) =>
			after.changes.filter((c) => c.recordId === id && field in c.fields).at(-1).fields[field];
		expect(latest(conflict.recordId, 'resolved')).toBe(true);
		expect(latest(schoolId, 'name')).toBe('Agreed name');
	});
});
