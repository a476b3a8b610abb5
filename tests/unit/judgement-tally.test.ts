import { describe, expect, it } from 'vitest';
import {
	emptyTally,
	judgementTallies,
	type TalliedObservation
} from '../../src/lib/framework/judgement-tally';

// Activity a1 answers Staff, a2 Vision; a3 is not on the tablet.
const activities = [
	{ id: 'a1', componentId: 'staff' },
	{ id: 'a2', componentId: 'vision' }
];
const component = { staff: 'a1', vision: 'a2', elsewhere: 'a3' };
const note = (
	of: keyof typeof component,
	judgement: string,
	more: Partial<TalliedObservation> = {}
): TalliedObservation => ({ activityId: component[of], judgement, ...more });

describe('the judgement tally of the audit page', () => {
	it('counts each component’s notes by judgement, and those waiting for a merge', () => {
		const tallies = judgementTallies(
			[
				note('staff', 'strength'),
				note('staff', 'strength', { inConflict: true }),
				note('staff', 'development'),
				note('vision', 'neutral'),
				note('vision', 'development')
			],
			activities
		);
		expect(tallies.get('staff')).toEqual({
			total: 3,
			strength: 2,
			development: 1,
			neutral: 0,
			inConflict: 1
		});
		expect(tallies.get('vision')).toEqual({
			total: 2,
			strength: 0,
			development: 1,
			neutral: 1,
			inConflict: 0
		});
	});

	it('leaves deleted notes and unknown activities out; an unknown judgement counts in the total', () => {
		const tallies = judgementTallies(
			[
				note('staff', 'strength', { deleted: true }),
				note('staff', 'mixed'),
				note('elsewhere', 'strength')
			],
			activities
		);
		expect(tallies.get('staff')).toEqual({ ...emptyTally(), total: 1 });
		expect(tallies.has('vision')).toBe(false);
	});
});
