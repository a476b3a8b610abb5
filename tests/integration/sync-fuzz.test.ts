import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTypes } from '../../src/lib/domain/record-type';
import { pullResponseSchema } from '../../src/lib/sync/protocol';
import { auditFields, FakeDevice, newId, schoolFields } from '../helpers/changes';
import {
	ApiClient,
	signedInAccount,
	startServer,
	testAdmin,
	type RunningServer
} from '../helpers/server';

/*
 * Whatever a device pushes, the server answers 2xx or 4xx, never 5xx, and every user's next
 * pull still succeeds (issue 12). Pushes carry fast-check's arbitrary JSON (fc.jsonValue),
 * values thousands deep or tens of thousands wide, and keys such as __proto__, in otherwise
 * plausible changes. 300 runs in the normal test command; FUZZ_RUNS=5000 runs more.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let server: RunningServer;
let readers: { name: string; client: ApiClient; cursor: string }[];
let pusher: { client: ApiClient; id: string };
const schoolId = newId();
const auditId = newId();
let devices = 0;

/** Stands for a value too deep for JSON.stringify: written into the body's text instead. */
const deep = fc.integer({ min: 20, max: 6_000 }).map((n) => `\u0000deep:${n}`);
const oddKey = fc.constantFrom(
	'__proto__',
	'constructor',
	'toString',
	'prototype',
	'hasOwnProperty',
	''
);
const field = fc.oneof(
	fc.constantFrom(
		'name',
		'urn',
		'members',
		'lead',
		'text',
		'values',
		'resolved',
		'deleted',
		'photoHashes'
	),
	oddKey,
	fc.string({ maxLength: 80 })
);
const value: fc.Arbitrary<unknown> = fc.oneof(
	fc.jsonValue(),
	fc.jsonValue({ depthSize: 'large', maxDepth: 40 }),
	deep,
	fc.integer({ min: 1_000, max: 30_000 }).map((n) => new Array(n).fill('x')),
	fc.integer({ min: 90_000, max: 210_000 }).map((n) => '\u{1F600}x'.repeat(n / 3)),
	fc.dictionary(oddKey, fc.jsonValue(), { maxKeys: 3 })
);

const stale = '2000-01-01T00:00:00.000Z-0000-0000000000000001';
const changeArb = fc.record({
	type: fc.oneof(fc.constantFrom(...recordTypes), fc.constantFrom('spaceship', '__proto__')),
	recordId: fc.oneof(fc.constant(schoolId), fc.constant(auditId), fc.constant(null)),
	scope: fc.constantFrom('org', auditId, 'nowhere'),
	fields: fc.dictionary(field, value, { minKeys: 1, maxKeys: 4 }),
	base: fc.oneof(fc.constant(null), fc.constant({ name: stale }), fc.jsonValue()),
	// Now and then a well-formed conflict (as a device may no longer make) holding odd values.
	conflictValues: fc.option(fc.tuple(value, value), { freq: 3 }),
	// Now and then not a change at all, only a seq in arbitrary JSON.
	malformed: fc.oneof(
		{ arbitrary: fc.constant(undefined), weight: 7 },
		{ arbitrary: fc.jsonValue(), weight: 1 }
	)
});

function conflictFields(values: [unknown, unknown]) {
	return {
		recordType: 'school',
		recordId: schoolId,
		field: 'name',
		values: values.map((value) => ({ value, hlc: stale, author: pusher.id })),
		resolved: false
	};
}

/** The body as JSON text, with each deep stand-in replaced by an array nested that deep. */
function bodyText(body: unknown): string {
	return JSON.stringify(body).replace(
		/"\\u0000deep:(\d+)"/g,
		(_, n) => '['.repeat(+n) + ']'.repeat(+n)
	);
}

async function pullAll(reader: (typeof readers)[number]) {
	for (;;) {
		const res = await reader.client.call('GET', `/api/sync/pull?since=${reader.cursor}`);
		expect(res.status, `${reader.name}'s pull`).toBe(200);
		expect(pullResponseSchema.safeParse(res.body).success, `${reader.name}'s pull parses`).toBe(
			true
		);
		reader.cursor = res.body.cursor;
		if (!res.body.more) return;
	}
}

beforeAll(async () => {
	server = await startServer();
	const ann = await signedInAccount(server, 'ann', 'advisor');
	const bob = await signedInAccount(server, 'bob', 'advisor');
	const admin = new ApiClient(server.url);
	await admin.login(testAdmin.email, testAdmin.password);
	// A school and an audit of Ann's and Bob's to aim at; Bob pushes the fuzz.
	const setup = new FakeDevice('f022000000000000');
	await ann.client.call(
		'POST',
		'/api/sync/push',
		setup.body([
			setup.change('school', schoolId, 'org', schoolFields()),
			setup.change('audit', auditId, auditId, auditFields(schoolId, ann.id, [ann.id, bob.id]))
		])
	);
	pusher = bob;
	readers = [
		{ name: 'ann', client: ann.client, cursor: '' },
		{ name: 'bob', client: bob.client, cursor: '' },
		{ name: 'admin', client: admin, cursor: '' }
	];
});
afterAll(() => server?.dispose());

describe('push and pull under arbitrary JSON', () => {
	it(`never answers 5xx, and every pull after it succeeds (${RUNS} runs)`, async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(changeArb, { minLength: 1, maxLength: 4 }), async (drawn) => {
				const device = new FakeDevice((++devices).toString(16).padStart(16, 'f'));
				const changes = drawn.map((d) => {
					const change = d.conflictValues
						? device.change('conflict', newId(), 'org', conflictFields(d.conflictValues))
						: device.change(d.type, d.recordId ?? newId(), d.scope, d.fields, d.base as never);
					return d.malformed === undefined ? change : { odd: d.malformed, seq: change.seq };
				});
				const res = await fetch(`${server.url}/api/sync/push`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: pusher.client.cookie },
					body: bodyText(device.body(changes))
				});
				const text = await res.text();
				expect(res.status, text.slice(0, 300)).toBeLessThan(500);
				expect(() => JSON.parse(text)).not.toThrow();
				for (const reader of readers) await pullAll(reader);
			}),
			{ numRuns: RUNS }
		);
		// And from the beginning, everything stored so far.
		for (const reader of readers) await pullAll({ ...reader, cursor: '' });
	}, 600_000);
});
