import { describe, expect, it } from 'vitest';
import { isFlagged, isWithheldMarker, mayReadFlagged } from '../../src/lib/sync/withheld';

const flag = { flaggedAt: '2026-11-26T10:00:00.000Z', by: 'ann', reportedAt: null, reportedTo: '' };

describe('the safeguarding rule (issue 14)', () => {
	it('flags only notes and survey responses that carry a flag', () => {
		expect(isFlagged('observation', { text: 'x', safeguarding: flag })).toBe(true);
		expect(isFlagged('response', { answers: {}, safeguarding: flag })).toBe(true);
		expect(isFlagged('observation', { text: 'x', safeguarding: null })).toBe(false);
		expect(isFlagged('observation', { text: 'x' })).toBe(false);
		expect(isFlagged('finding', { text: 'x', safeguarding: flag })).toBe(false);
	});

	it('lets the author, the flagger, the lead and admins read it; nobody else', () => {
		const readers = { author: 'ann', flaggedBy: 'bea', lead: 'lee' };
		const who = (id: string, role = 'advisor') => mayReadFlagged({ id, role }, readers);
		expect([who('ann'), who('bea'), who('lee'), who('root', 'admin')]).toEqual([
			true,
			true,
			true,
			true
		]);
		expect(who('mel')).toBe(false);
		expect(who('vic', 'viewer')).toBe(false);
		expect(mayReadFlagged({ id: 'mel', role: 'advisor' }, { ...readers, lead: null })).toBe(false);
	});

	it('tells a withheld marker from a change that merely has other fields', () => {
		expect(isWithheldMarker({ fields: { withheld: true } })).toBe(true);
		expect(isWithheldMarker({ fields: { text: 'withheld' } })).toBe(false);
		expect(isWithheldMarker({ fields: { withheld: 'true' } })).toBe(false);
	});
});
