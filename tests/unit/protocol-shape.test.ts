import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
	changeSchema,
	clockAheadResponseSchema,
	pullResponseSchema,
	pushResponseSchema
} from '../../src/lib/sync/protocol';
import {
	asChange,
	asClockAheadResponse,
	asPullResponse,
	asPushResponse,
	ISO_DATETIME_OFFSET_PATTERN,
	UUID_V7_PATTERN
} from '../../src/lib/sync/protocol-shape';

/*
 * The sync engine checks the server's answers by hand, so the first sync loads no zod (issue 16).
 * Each check must take exactly what protocol.ts's schema takes and give back the same value.
 */

const clientId = '9f86d081884c7d65';
const hlc = '2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65';
const recordId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const serverTime = '2026-11-23T09:15:02.117Z';
const change = {
	clientId,
	seq: 1,
	type: 'observation',
	recordId,
	scope: recordId,
	fields: { text: 'A note', photoHashes: [] },
	hlc,
	base: { text: hlc },
	serverSeq: 7,
	author: 'someone'
};
const page = { changes: [change], cursor: '7', more: false, revokedScopes: [] };
const push = {
	lastProcessedSeq: 3,
	quarantined: [{ seq: 2, reason: 'invalid', detail: 'text: Required' }],
	conflicts: 0,
	serverTime
};
const ahead = { error: 'clock-ahead', lastProcessedSeq: 0, serverTime };

function agree<T>(schema: z.ZodType<T>, check: (v: unknown) => unknown, value: unknown) {
	const parsed = schema.safeParse(value);
	expect(check(value), JSON.stringify(value)).toEqual(parsed.success ? parsed.data : null);
}

/** A value and small damage to it: a field dropped, swapped for another kind, or odd. */
const odd = fc.oneof(
	fc.constantFrom(
		null,
		undefined,
		'',
		-1,
		0,
		1.5,
		2 ** 60,
		true,
		[],
		{},
		'clock-ahead',
		'unknown-type',
		'x'.repeat(61),
		hlc,
		hlc.replace('117Z', '117'),
		'2026-02-30T09:15:02.117Z-0000-9f86d081884c7d65',
		serverTime.replace('Z', '+01:00'),
		'2026-11-23',
		recordId.toUpperCase(),
		recordId.replace('-7e5f', '-4e5f'),
		clientId.toUpperCase()
	),
	fc.string(),
	fc.integer()
);
function damaged(value: Record<string, unknown>): fc.Arbitrary<unknown> {
	const keys = Object.keys(value);
	return fc.oneof(
		fc.constant(value),
		fc.constantFrom(...keys).map((k) => {
			const copy = { ...value };
			delete copy[k];
			return copy;
		}),
		fc.tuple(fc.constantFrom(...keys), odd).map(([k, v]) => ({ ...value, [k]: v })),
		fc.tuple(fc.string(), odd).map(([k, v]) => ({ ...value, [k]: v }))
	);
}

describe('the sync answers checked without zod', () => {
	it('uses zod 4’s own patterns for a UUIDv7 and a date-time with offset', () => {
		expect(UUID_V7_PATTERN.source).toBe(
			(z.uuidv7()._zod.def as unknown as { pattern: RegExp }).pattern.source
		);
		expect(ISO_DATETIME_OFFSET_PATTERN.source).toBe(
			(z.iso.datetime({ offset: true })._zod.def as unknown as { pattern: RegExp }).pattern.source
		);
	});

	it('takes good answers as the schemas do, dropping keys the schemas do not know', () => {
		expect(asPullResponse({ ...page, extra: 1 })).toEqual(pullResponseSchema.parse(page));
		expect(asPullResponse(page)?.changes[0]).toEqual(change);
		const { base: _base, ...noBase } = change;
		for (const c of [noBase, { ...change, base: null }, { ...change, extra: 'x' }])
			agree(pullResponseSchema, asPullResponse, { ...page, changes: [c] });
		agree(pushResponseSchema, asPushResponse, { ...push, quarantined: [] });
		agree(pushResponseSchema, asPushResponse, push);
		agree(clockAheadResponseSchema, asClockAheadResponse, ahead);
	});

	it('refuses what the schemas refuse', () => {
		expect(asPullResponse({ ...page, changes: [{ ...change, fields: {} }] })).toBeNull();
		expect(asPullResponse({ ...page, changes: [{ ...change, fields: [] }] })).toBeNull();
		expect(asPullResponse({ ...page, changes: [{ ...change, base: { text: 'x' } }] })).toBeNull();
		expect(asPushResponse({ ...push, serverTime: 'yesterday' })).toBeNull();
		expect(asClockAheadResponse({ ...ahead, error: 'other' })).toBeNull();
		expect(asPullResponse(null)).toBeNull();
		expect(asPushResponse([push])).toBeNull();
	});

	it('agrees with the schemas on damaged answers', () => {
		const pulled = damaged(change).chain((c) => damaged({ ...page, changes: [c] }).map((p) => p));
		const fields = fc
			.dictionary(fc.oneof(fc.string(), fc.constantFrom('', 'x'.repeat(61), 'text')), odd, {
				maxKeys: 3
			})
			.map((f) => ({ ...page, changes: [{ ...change, fields: f }] }));
		const bases = fc
			.dictionary(fc.string(), odd, { maxKeys: 3 })
			.map((b) => ({ ...page, changes: [{ ...change, base: b }] }));
		fc.assert(
			fc.property(fc.oneof(pulled, fields, bases, odd), (v) =>
				agree(pullResponseSchema, asPullResponse, v)
			),
			{ numRuns: 2000 }
		);
		const quarantined = damaged(push.quarantined[0]!).map((q) => ({ ...push, quarantined: [q] }));
		fc.assert(
			fc.property(fc.oneof(damaged(push), quarantined, odd), (v) =>
				agree(pushResponseSchema, asPushResponse, v)
			),
			{ numRuns: 1000 }
		);
		fc.assert(
			fc.property(fc.oneof(damaged(ahead), odd), (v) =>
				agree(clockAheadResponseSchema, asClockAheadResponse, v)
			),
			{ numRuns: 1000 }
		);
	});

	it('takes a pushed change exactly as changeSchema does (the server checks with it first)', () => {
		const { serverSeq: _s, author: _a, ...pushed } = change;
		const { base: _base, ...noBase } = pushed;
		for (const c of [pushed, noBase, { ...pushed, base: null }, { ...pushed, extra: 'x' }])
			agree(changeSchema, asChange, c);
		// JSON.parse makes "__proto__" an own key; zod's record() leaves it out of its copy.
		for (const odd of ['{"__proto__":1,"text":"A"}', '{"__proto__":1}'])
			agree(changeSchema, asChange, { ...pushed, fields: JSON.parse(odd) });
		agree(changeSchema, asChange, { ...pushed, base: JSON.parse('{"__proto__":null}') });
		expect(asChange({ ...pushed, fields: {} })).toBeNull();
		expect(asChange({ ...pushed, seq: 0 })).toBeNull();
		expect(
			asChange({ ...pushed, hlc: '2026-02-30T09:15:02.117Z-0000-9f86d081884c7d65' })
		).toBeNull();
		const fields = fc
			.dictionary(fc.oneof(fc.string(), fc.constantFrom('', 'x'.repeat(61), 'text')), odd, {
				maxKeys: 3
			})
			.map((f) => ({ ...pushed, fields: f }));
		const bases = fc
			.dictionary(fc.string(), odd, { maxKeys: 3 })
			.map((b) => ({ ...pushed, base: b }));
		const twice = damaged(pushed).chain((c) =>
			typeof c === 'object' && c ? damaged(c as Record<string, unknown>) : fc.constant(c)
		);
		fc.assert(
			fc.property(fc.oneof(twice, fields, bases, odd), (v) => agree(changeSchema, asChange, v)),
			{ numRuns: 3000 }
		);
	});
});
