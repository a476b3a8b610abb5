import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFields, FakeDevice, newId, schoolFields } from '../helpers/changes';
import { ApiClient, signedInAccount, startServer, type RunningServer } from '../helpers/server';

/*
 * GET /api/schema publishes the contract as JSON Schema (DESIGN.md §6). A client written from
 * it alone, with a standard validator, must reach the server's verdict on each change.
 */

let server: RunningServer;
let pia: { client: ApiClient; id: string };
let checkChange: (change: { type: string; base?: unknown; fields: unknown }) => boolean;

beforeAll(async () => {
	server = await startServer();
	pia = await signedInAccount(server, 'pia', 'advisor');
	const published = await pia.client.call('GET', '/api/schema');
	expect(published.status).toBe(200);
	expect(published.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
	// Formats are left to the patterns beside them, which say the same.
	const ajv = new Ajv2020({ formats: { uuid: true, 'date-time': true } });
	ajv.addSchema(published.body, 'fieldbook');
	checkChange = (change) =>
		ajv.validate('fieldbook#/$defs/Change', change) &&
		ajv.validate(
			`fieldbook#/$defs/${change.base ? 'patch' : 'newRecord'}/${change.type}`,
			change.fields
		);
});
afterAll(() => server?.dispose());

describe('the published schema agrees with the server', () => {
	it('answers only a signed-in user', async () => {
		expect((await new ApiClient(server.url).call('GET', '/api/schema')).status).toBe(401);
	});

	it('on valid changes, new and patches, and on invalid ones', async () => {
		const device = new FakeDevice('5c4e000000000001');
		const schoolId = newId();
		const auditId = newId();
		const { urn: _urn, ...noUrn } = schoolFields();
		const cases = [
			device.change('school', schoolId, 'org', schoolFields()),
			device.change('audit', auditId, auditId, auditFields(schoolId, pia.id)),
			device.change('school', schoolId, 'org', { name: 'Renamed' }, { name: device.stale }),
			device.change('school', newId(), 'org', noUrn),
			device.change('school', newId(), 'org', { ...schoolFields(), phase: 'university' }),
			device.change('school', newId(), 'org', { ...schoolFields(), colour: 'red' }),
			device.change('school', schoolId, 'org', { name: 42 }, { name: device.stale }),
			{ ...device.change('school', newId(), 'org', schoolFields()), hlc: 'yesterday' },
			{ ...device.change('school', newId(), 'org', schoolFields()), recordId: 'not-a-uuid' }
		];
		const res = await pia.client.call('POST', '/api/sync/push', device.body(cases));
		expect(res.body.lastProcessedSeq).toBe(cases.length);
		const refused = new Set(res.body.quarantined.map((q: { seq: number }) => q.seq));
		const verdicts = cases.map((c) => ({
			seq: c.seq,
			schema: checkChange(c),
			server: !refused.has(c.seq)
		}));
		expect(verdicts.map((v) => v.schema)).toEqual(verdicts.map((v) => v.server));
		// Both said yes to the first three, no to the rest: the cases test something.
		expect(verdicts.map((v) => v.server)).toEqual([
			true,
			true,
			true,
			false,
			false,
			false,
			false,
			false,
			false
		]);
	});
});
