import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeIntoRecord, newRecord } from '../../src/lib/client/db/record-fields';
import { mergeField } from '../../src/lib/sync/field-rule';
import { mergeChange, type RecordState } from '../../src/lib/sync/merge';

const h = (s: number, client = '000000000000000a') =>
	`2026-11-23T09:00:${String(s).padStart(2, '0')}.000Z-0000-${client}`;
const at = (value: unknown, s: number, author = 'user-a', client?: string) => ({
	value,
	hlc: h(s, client),
	author
});

describe('the per-field rule', () => {
	it('takes a value into an empty field, whatever its stamp', () => {
		expect(mergeField(undefined, at('x', 0), undefined, true)).toEqual({
			take: true,
			conflict: false
		});
	});

	it('takes a value whose stamp is greater, and keeps the stored one otherwise', () => {
		expect(mergeField(at('old', 1), at('new', 2), h(1), false).take).toBe(true);
		expect(mergeField(at('new', 2), at('old', 1), h(0), false).take).toBe(false);
		// The clientId breaks a tie of wall time and counter: the same instant, two devices.
		const a = at('a', 5, 'user-a', '000000000000000a');
		const tie = mergeField(a, at('b', 5, 'user-b', '000000000000000b'), a.hlc, false);
		expect(tie.take).toBe(true);
	});

	it('keeps the stored value when the same stamp comes again: re-applying is a no-op', () => {
		expect(mergeField(at('same', 3), at('same', 3), h(3), true)).toEqual({
			take: false,
			conflict: false
		});
	});

	it('sees a text conflict only when the writer had not seen the stored text and the words differ', () => {
		// Written on top of what is stored: no conflict.
		expect(mergeField(at('one', 1), at('two', 2), h(1), true).conflict).toBe(false);
		// Written without having seen it: both texts are kept, and the greater stamp still wins.
		expect(mergeField(at('one', 1), at('two', 2), h(0), true)).toEqual({
			take: true,
			conflict: true
		});
		expect(mergeField(at('two', 2), at('one', 1), h(0), true)).toEqual({
			take: false,
			conflict: true
		});
		// The same words typed twice are no clash; nor is a field that is not text.
		expect(mergeField(at('same', 1), at('same', 2), undefined, true).conflict).toBe(false);
		expect(mergeField(at('a', 1), at('b', 2), undefined, false).conflict).toBe(false);
	});
});

describe('the device and the server apply the one rule', () => {
	const write = fc.record({
		fields: fc.dictionary(
			fc.constantFrom('text', 'judgement', 'deleted', 'constructor'),
			fc.oneof(fc.string(), fc.boolean()),
			{ minKeys: 1 }
		),
		second: fc.integer({ min: 0, max: 59 }),
		client: fc.constantFrom('000000000000000a', '000000000000000b'),
		author: fc.constantFrom('user-a', 'user-b')
	});

	it('ends with the same values, stamps and authors on both, for any run of writes', () => {
		fc.assert(
			fc.property(fc.array(write, { maxLength: 12 }), (writes) => {
				let server: RecordState | null = null;
				const device = newRecord('r', 'observation', 'audit-1');
				for (const w of writes) {
					const hlc = h(w.second, w.client);
					server = mergeChange(server, { fields: w.fields, hlc }, w.author, ['text']).state;
					mergeIntoRecord(device, w.fields, hlc, w.author);
				}
				const fields = Object.entries(server ?? {});
				expect(device.values).toEqual(Object.fromEntries(fields.map(([f, s]) => [f, s.value])));
				expect(device.hlcs).toEqual(Object.fromEntries(fields.map(([f, s]) => [f, s.hlc])));
				expect(device.authors).toEqual(Object.fromEntries(fields.map(([f, s]) => [f, s.author])));
				expect(device.deleted).toBe(server?.deleted?.value === true ? 1 : 0);
			})
		);
	});
});
