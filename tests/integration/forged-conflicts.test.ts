import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFields, FakeDevice, newId, schoolFields } from '../helpers/changes';
import { ApiClient, signedInAccount, startServer, type RunningServer } from '../helpers/server';

/*
 * Issue 12, finding 3: any advisor could plant a conflict record that everyone receives,
 * pointing at any record and claiming any authors and texts. DESIGN.md §4: conflicts are made
 * by the server from its own log; a client may resolve one it can read, and nothing else.
 */

let server: RunningServer;
let ann: { client: ApiClient; id: string };
let bob: { client: ApiClient; id: string };
let cat: { client: ApiClient; id: string };
const annDevice = new FakeDevice('f0f0000000000001');
const bobDevice = new FakeDevice('f0f0000000000002');
const catDevice = new FakeDevice('f0f0000000000003');
const schoolId = newId();

async function pullAll(client: ApiClient) {
	const res = await client.call('GET', '/api/sync/pull?limit=1000');
	expect(res.status).toBe(200);
	return res.body.changes as {
		type: string;
		recordId: string;
		scope: string;
		hlc: string;
		fields: any;
	}[];
}

beforeAll(async () => {
	server = await startServer();
	ann = await signedInAccount(server, 'ann', 'advisor');
	bob = await signedInAccount(server, 'bob', 'advisor');
	cat = await signedInAccount(server, 'cat', 'advisor');
	const made = await ann.client.call(
		'POST',
		'/api/sync/push',
		annDevice.body([annDevice.change('school', schoolId, 'org', schoolFields('Old name'))])
	);
	expect(made.body.quarantined).toEqual([]);
});
afterAll(() => server?.dispose());

describe('finding 3: conflicts come only from the server', () => {
	it('a client-made conflict in scope org is quarantined as forbidden and reaches nobody', async () => {
		const forged = bobDevice.change('conflict', newId(), 'org', {
			recordType: 'school',
			recordId: schoolId,
			field: 'name',
			values: [
				{ value: 'Planted by nobody', hlc: bobDevice.hlc(), author: ann.id },
				{ value: 'Old name', hlc: bobDevice.hlc(), author: cat.id }
			],
			resolved: false
		});
		const res = await bob.client.call('POST', '/api/sync/push', bobDevice.body([forged]));
		expect(res.status).toBe(200);
		expect(res.body.quarantined).toEqual([
			{
				seq: forged.seq,
				reason: 'forbidden',
				detail: expect.stringContaining('made by the server')
			}
		]);
		expect(JSON.stringify(await pullAll(cat.client))).not.toContain('Planted by nobody');
	});

	it('a reader may set resolved on a real conflict, and nothing else of it', async () => {
		const seen = { name: (await pullAll(ann.client)).find((c) => c.recordId === schoolId)!.hlc };
		await ann.client.call(
			'POST',
			'/api/sync/push',
			annDevice.body([annDevice.change('school', schoolId, 'org', { name: 'Ann’s name' }, seen)])
		);
		const raced = await bob.client.call(
			'POST',
			'/api/sync/push',
			bobDevice.body([bobDevice.change('school', schoolId, 'org', { name: 'Bob’s name' }, seen)])
		);
		expect(raced.body.conflicts).toBe(1);
		const conflict = (await pullAll(cat.client)).find((c) => c.type === 'conflict')!;
		expect(conflict.fields.recordId).toBe(schoolId);

		const rewrite = catDevice.change(
			'conflict',
			conflict.recordId,
			'org',
			{
				values: [
					{ value: 'Rewritten', hlc: catDevice.hlc(), author: ann.id },
					conflict.fields.values[1]
				]
			},
			{ values: conflict.hlc }
		);
		const resolve = catDevice.change(
			'conflict',
			conflict.recordId,
			'org',
			{ resolved: true },
			{ resolved: conflict.hlc }
		);
		const res = await cat.client.call('POST', '/api/sync/push', catDevice.body([rewrite, resolve]));
		expect(res.body.quarantined).toEqual([
			{ seq: rewrite.seq, reason: 'forbidden', detail: expect.stringContaining('"resolved"') }
		]);
		const after = (await pullAll(bob.client)).filter((c) => c.recordId === conflict.recordId);
		expect(after.at(-1)!.fields).toEqual({ resolved: true });
		expect(JSON.stringify(after)).not.toContain('Rewritten');
	});

	it('nobody resolves a conflict in an audit they cannot read', async () => {
		const auditId = newId();
		const created = await ann.client.call(
			'POST',
			'/api/sync/push',
			annDevice.body([annDevice.change('audit', auditId, auditId, auditFields(schoolId, ann.id))])
		);
		expect(created.body.quarantined).toEqual([]);
		const seen = { title: (await pullAll(ann.client)).find((c) => c.recordId === auditId)!.hlc };
		for (const [client, device, title] of [
			[ann.client, annDevice, 'Ann’s title'],
			[ann.client, new FakeDevice('f0f0000000000004'), 'Ann’s other tablet']
		] as const) {
			await client.call(
				'POST',
				'/api/sync/push',
				device.body([device.change('audit', auditId, auditId, { title }, seen)])
			);
		}
		const conflict = (await pullAll(ann.client)).find(
			(c) => c.type === 'conflict' && c.scope === auditId
		);
		expect(conflict).toBeDefined();
		const resolve = bobDevice.change(
			'conflict',
			conflict!.recordId,
			auditId,
			{ resolved: true },
			{ resolved: conflict!.hlc }
		);
		const res = await bob.client.call('POST', '/api/sync/push', bobDevice.body([resolve]));
		expect(res.body.quarantined).toMatchObject([{ seq: resolve.seq, reason: 'forbidden' }]);
	});
});
