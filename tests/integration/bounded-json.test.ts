import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDevice, newId, schoolFields } from '../helpers/changes';
import {
	ApiClient,
	signedInAccount,
	startServer,
	testAdmin,
	type RunningServer
} from '../helpers/server';

/*
 * Issue 12, finding 1: one advisor's push of a deeply nested value stopped every user's pull
 * (500 for ever), and a deeper one made push itself answer 500, wedging that device's queue.
 * Finding 7: the reply said only "invalid"; each quarantined entry now says why (`detail`).
 */

let server: RunningServer;
let pia: { client: ApiClient; id: string };
let max: { client: ApiClient; id: string };
const admin = () => {
	const client = new ApiClient(server.url);
	return client.login(testAdmin.email, testAdmin.password).then(() => client);
};

/** An array nested `depth` deep, as JSON text: JSON.stringify cannot make it (it recurses). */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** A push body whose one change carries `"DEEP"` replaced by raw JSON text. */
function bodyWith(device: FakeDevice, change: object, deepJson: string) {
	return JSON.stringify(device.body([change])).replace('"DEEP"', deepJson);
}

async function pullStatus(client: ApiClient) {
	let since = '';
	for (;;) {
		const res = await client.call('GET', `/api/sync/pull${since ? `?since=${since}` : ''}`);
		if (res.status !== 200 || !res.body.more) return res.status;
		since = res.body.cursor;
	}
}

beforeAll(async () => {
	server = await startServer();
	pia = await signedInAccount(server, 'pia', 'advisor');
	max = await signedInAccount(server, 'max', 'advisor');
});
afterAll(() => server?.dispose());

describe('finding 1: no push can break pull for others, or wedge its own queue', () => {
	it('a conflict in scope org holding an array 4,180 deep is refused, and every pull still answers', async () => {
		const device = new FakeDevice('b1a0000000000001');
		const schoolId = newId();
		await pia.client.call(
			'POST',
			'/api/sync/push',
			device.body([device.change('school', schoolId, 'org', schoolFields())])
		);
		const forged = device.change('conflict', newId(), 'org', {
			recordType: 'school',
			recordId: schoolId,
			field: 'name',
			values: [
				{ value: 'DEEP', hlc: device.hlc(), author: pia.id },
				{ value: 'x', hlc: device.hlc(), author: max.id }
			],
			resolved: false
		});
		const res = await pia.client.call(
			'POST',
			'/api/sync/push',
			bodyWith(device, forged, nested(4180))
		);
		expect(res.status).toBe(200);
		// Every user's pull first: the old server took the change and failed every pull after it.
		for (const client of [pia.client, max.client, await admin()]) {
			expect(await pullStatus(client)).toBe(200);
		}
		expect(res.body.lastProcessedSeq).toBe(forged.seq);
		expect(res.body.quarantined).toHaveLength(1);
	});

	it('a change 5,000 deep answers 200, is quarantined with its reason, and the queue moves on', async () => {
		const device = new FakeDevice('b1a0000000000002');
		const deep = device.change('school', newId(), 'org', { ...schoolFields(), name: 'DEEP' });
		const res = await pia.client.call(
			'POST',
			'/api/sync/push',
			bodyWith(device, deep, nested(5000))
		);
		expect(res.status).toBe(200);
		expect(res.body.lastProcessedSeq).toBe(deep.seq);
		expect(res.body.quarantined).toEqual([
			{
				seq: deep.seq,
				reason: 'invalid',
				detail: expect.stringMatching(/^fields\.name: nested deeper than/)
			}
		]);
		// The retry of a lost reply (the same body again) answers the same, and the next change goes in.
		const again = await pia.client.call(
			'POST',
			'/api/sync/push',
			bodyWith(device, deep, nested(5000))
		);
		expect(again.status).toBe(200);
		expect(again.body.quarantined).toMatchObject([{ seq: deep.seq, reason: 'invalid' }]);
		const next = device.change('school', newId(), 'org', schoolFields('After the deep one'));
		const after = await pia.client.call('POST', '/api/sync/push', device.body([next]));
		expect(after.body).toMatchObject({ lastProcessedSeq: next.seq, quarantined: [] });
		for (const client of [pia.client, max.client, await admin()]) {
			expect(await pullStatus(client)).toBe(200);
		}
	});

	it('a field over the size limit is quarantined, not stored', async () => {
		const device = new FakeDevice('b1a0000000000003');
		const huge = device.change('school', newId(), 'org', {
			...schoolFields(),
			name: Array.from({ length: 20 }, () => 'x'.repeat(20_000))
		});
		const res = await pia.client.call('POST', '/api/sync/push', device.body([huge]));
		expect(res.status).toBe(200);
		expect(res.body.quarantined).toEqual([
			{ seq: 1, reason: 'invalid', detail: expect.stringContaining('characters of JSON') }
		]);
	});

	it('any other JSON body nested too deep is a 400 naming the limit, never a 500', async () => {
		const res = await pia.client.call(
			'POST',
			'/api/auth/login',
			`{"email":"pia@fieldbook.test","password":${nested(6000)}}`
		);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({
			error: 'invalid',
			message: expect.stringContaining('nested')
		});
	});
});

describe('finding 7: each quarantined entry says why', () => {
	it('carries a one-line detail beside the reason', async () => {
		const device = new FakeDevice('b1a0000000000004');
		const { urn: _urn, ...noUrn } = schoolFields();
		const missing = device.change('school', newId(), 'org', noUrn);
		const stranger = device.change('school', newId(), 'org', { ...schoolFields(), colour: 'red' });
		const unknown = device.change('spaceship', newId(), 'org', { name: 'x' });
		const res = await pia.client.call(
			'POST',
			'/api/sync/push',
			device.body([missing, stranger, unknown])
		);
		expect(res.body.quarantined).toEqual([
			{ seq: 1, reason: 'invalid', detail: 'A new school needs urn' },
			{ seq: 2, reason: 'invalid', detail: 'Unknown field "colour"' },
			{ seq: 3, reason: 'unknown-type', detail: 'Unknown type "spaceship"' }
		]);
	});
});
