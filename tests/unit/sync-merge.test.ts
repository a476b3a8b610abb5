import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { validateChangeFields } from '../../src/lib/sync/fields';
import { mergeChange, type IncomingChange, type RecordState } from '../../src/lib/sync/merge';
import { pushRequestSchema } from '../../src/lib/sync/protocol';

const A = 'user-a';
const B = 'user-b';
const h = (s: number, client = '000000000000000a') =>
	`2026-11-23T09:00:${String(s).padStart(2, '0')}.000Z-0000-${client}`;
const text = ['text'];

function apply(state: RecordState | null, change: IncomingChange, author = A) {
	return mergeChange(state, change, author, text);
}

describe('the per-field merge rule', () => {
	const created = apply(null, { fields: { text: 'one', judgement: 'neutral' }, hlc: h(1) }).state;

	it('takes a newer write and ignores an older one, field by field', () => {
		const newer = apply(created, { fields: { text: 'two' }, hlc: h(2), base: { text: h(1) } });
		expect(newer.taken).toEqual(['text']);
		expect(newer.state.text).toEqual({ value: 'two', hlc: h(2), author: A });
		expect(newer.state.judgement).toEqual(created.judgement);
		const older = apply(newer.state, {
			fields: { judgement: 'strength' },
			hlc: h(0),
			base: { judgement: h(1) }
		});
		expect(older.taken).toEqual([]);
		expect(older.state).toEqual(newer.state);
	});

	it('keeps both texts when two people edit the same text without seeing each other', () => {
		const first = apply(created, {
			fields: { text: 'A wrote this' },
			hlc: h(2),
			base: { text: h(1) }
		}).state;
		const second = apply(
			first,
			{ fields: { text: 'B wrote that' }, hlc: h(3, '000000000000000b'), base: { text: h(1) } },
			B
		);
		expect(second.state.text!.value).toBe('B wrote that');
		expect(second.conflicts).toEqual([
			{
				field: 'text',
				values: [
					{ value: 'A wrote this', hlc: h(2), author: A },
					{ value: 'B wrote that', hlc: h(3, '000000000000000b'), author: B }
				]
			}
		]);
		// The older, losing write is kept in the conflict just the same.
		const late = apply(second.state, {
			fields: { text: 'A again' },
			hlc: h(2, '000000000000000c'),
			base: { text: h(1) }
		});
		expect(late.taken).toEqual([]);
		expect(late.conflicts[0]!.values.map((v) => v.value)).toEqual(['B wrote that', 'A again']);
	});

	it('sees no conflict when the writer had seen the stored text, or wrote the same words', () => {
		const seen = apply(created, { fields: { text: 'edit' }, hlc: h(2), base: { text: h(1) } });
		expect(seen.conflicts).toEqual([]);
		const same = apply(created, { fields: { text: 'one' }, hlc: h(2), base: { text: h(0) } });
		expect(same.conflicts).toEqual([]);
	});

	it('is idempotent: the same change applied twice changes nothing more', () => {
		const change = { fields: { text: 'two' }, hlc: h(2), base: { text: h(1) } };
		const once = apply(created, change);
		const twice = apply(once.state, change);
		expect(twice.state).toEqual(once.state);
		expect(twice.conflicts).toEqual([]);
	});

	it('reports an edit racing a delete, either way round', () => {
		const deleted = apply(created, {
			fields: { deleted: true },
			hlc: h(2),
			base: { deleted: h(0) }
		}).state;
		const edit = apply(
			deleted,
			{ fields: { text: 'edited' }, hlc: h(3, '000000000000000b'), base: { text: h(1) } },
			B
		);
		expect(edit.conflicts).toEqual([
			{
				field: 'deleted',
				values: [
					{ value: true, hlc: h(2), author: A },
					{ value: false, hlc: h(3, '000000000000000b'), author: B }
				]
			}
		]);
		const edited = apply(created, {
			fields: { text: 'edited' },
			hlc: h(2),
			base: { text: h(1) }
		}).state;
		const del = apply(
			edited,
			{ fields: { deleted: true }, hlc: h(3, '000000000000000b'), base: { text: h(1) } },
			B
		);
		expect(del.conflicts.map((c) => [c.field, c.values.map((v) => v.value)])).toEqual([
			['deleted', [false, true]]
		]);
		// A delete made after seeing the latest text is no conflict.
		const informed = apply(edited, { fields: { deleted: true }, hlc: h(3), base: { text: h(2) } });
		expect(informed.conflicts).toEqual([]);
	});

	it('ends with the same values whatever order the changes arrive in', () => {
		const change = fc.record({
			field: fc.constantFrom('text', 'judgement', 'deleted'),
			value: fc.oneof(fc.string(), fc.boolean()),
			second: fc.integer({ min: 0, max: 59 }),
			client: fc.constantFrom('000000000000000a', '000000000000000b', '000000000000000c')
		});
		const changes = fc
			.uniqueArray(change, { selector: (c) => `${c.second}-${c.client}`, maxLength: 12 })
			.chain((list) =>
				fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))
			);
		const values = (list: IncomingChange[]) => {
			let s: RecordState | null = null;
			for (const c of list) s = apply(s, c).state;
			return Object.fromEntries(Object.entries(s ?? {}).map(([k, v]) => [k, v.value]));
		};
		const asChange = (c: { field: string; value: unknown; second: number; client: string }) => ({
			fields: { [c.field]: c.value },
			hlc: h(c.second, c.client)
		});
		fc.assert(
			fc.property(changes, ([inOrder, shuffled]) => {
				expect(values(shuffled.map(asChange))).toEqual(values(inOrder.map(asChange)));
			})
		);
	});
});

describe('change validation', () => {
	const school = {
		name: 'Drayton Park',
		urn: '100412',
		phase: 'primary',
		localAuthority: 'Islington',
		deleted: false
	};

	it('wants every required field of a new record, only the patched ones of a patch', () => {
		expect(validateChangeFields('school', school, true)).toEqual({ ok: true, type: 'school' });
		const { urn, ...noUrn } = school;
		expect(urn).toBe(school.urn);
		expect(validateChangeFields('school', noUrn, true)).toMatchObject({
			ok: false,
			reason: 'invalid',
			detail: expect.stringContaining('urn')
		});
		expect(validateChangeFields('school', { name: 'Renamed' }, false)).toEqual({
			ok: true,
			type: 'school'
		});
	});

	it('refuses a bad value, an unknown field and an unknown type, each with its reason', () => {
		expect(validateChangeFields('school', { urn: '12' }, false)).toMatchObject({
			ok: false,
			reason: 'invalid',
			detail: expect.stringContaining('urn')
		});
		expect(validateChangeFields('school', { colour: 'red' }, false)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(validateChangeFields('spaceship', { name: 'x' }, false)).toMatchObject({
			ok: false,
			reason: 'unknown-type'
		});
	});
});

describe('the push body', () => {
	const change = {
		clientId: '9f86d081884c7d65',
		seq: 1,
		type: 'school',
		recordId: uuidv7(),
		scope: 'org',
		fields: { name: 'x' },
		hlc: '2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65',
		base: null
	};
	const body = { protocol: 1, clientId: '9f86d081884c7d65', changes: [change] };

	it('accepts the shape of DESIGN.md §6', () => {
		expect(pushRequestSchema.safeParse(body).success).toBe(true);
		const { base, ...noBase } = change;
		expect(base).toBeNull();
		expect(pushRequestSchema.safeParse({ ...body, changes: [noBase] }).success).toBe(true);
	});

	it('refuses a wrong protocol, seq 0, a bad clientId or hlc, empty fields and over 500 changes', () => {
		const bad = [
			{ ...body, protocol: 2 },
			{ ...body, changes: [{ ...change, seq: 0 }] },
			{ ...body, clientId: 'not-hex' },
			{ ...body, changes: [{ ...change, hlc: 'yesterday' }] },
			{ ...body, changes: [{ ...change, fields: {} }] },
			{ ...body, changes: Array.from({ length: 501 }, (_, i) => ({ ...change, seq: i + 1 })) }
		];
		for (const b of bad) expect(pushRequestSchema.safeParse(b).success).toBe(false);
	});
});
