import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userSchema } from '../../src/lib/domain/user';
import { asUser } from '../../src/lib/domain/user-shape';

/*
 * Who is signed in is checked without zod on the first page (issue 16): the hand check must
 * take exactly what the API's schema takes, and give back the same user.
 */

const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const good = { id, email: 'ann@school.test', name: 'Ann', role: 'advisor' };

describe('asUser', () => {
	it('takes a user as the API sends it, keeping only its four fields', () => {
		expect(asUser({ ...good, extra: 'x' })).toEqual(good);
		expect(asUser({ ...good, id: id.toUpperCase() })).toEqual({ ...good, id: id.toUpperCase() });
	});

	it('refuses what the schema refuses', () => {
		for (const bad of [
			null,
			'ann',
			[good],
			{ ...good, id: 'not-an-id' },
			{ ...good, id: id.replace('-7e5f', '-4e5f') },
			{ ...good, role: 'owner' },
			{ ...good, name: 3 },
			{ id, email: 'ann@school.test', name: 'Ann' }
		])
			expect(asUser(bad)).toBeNull();
	});

	it('agrees with userSchema on arbitrary values', () => {
		const field = fc.oneof(
			fc.constantFrom(id, id.toUpperCase(), 'admin', 'advisor', 'viewer', 'x@y.z', ''),
			fc.uuid(),
			fc.string(),
			fc.integer(),
			fc.constant(null)
		);
		const candidate = fc.oneof(
			fc.record(
				{ id: field, email: field, name: field, role: field, other: field },
				{ requiredKeys: [] }
			),
			fc.anything()
		);
		fc.assert(
			fc.property(candidate, (value) => {
				const parsed = userSchema.safeParse(value);
				expect(asUser(value)).toEqual(parsed.success ? parsed.data : null);
			}),
			{ numRuns: 500 }
		);
	}, 60_000);
});
