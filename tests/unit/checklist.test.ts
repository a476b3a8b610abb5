import { describe, expect, it } from 'vitest';
import {
	checklistOf,
	evidenceCountLabel,
	type ChecklistActivity,
	type ChecklistObservation
} from '../../src/lib/framework/checklist';
import { imhars } from '../../src/lib/framework';

const staff = imhars.components[0]!;
const other = imhars.components[1]!;
const [p1, p2, p3, p4, p5] = staff.prompts;

let next = 0;
function activity(
	promptId: string | null,
	status: string,
	more: Partial<ChecklistActivity> = {}
): ChecklistActivity {
	return { id: `a${++next}`, componentId: staff.id, promptId, status, ...more };
}
const notes = (a: ChecklistActivity, n: number, deleted = false): ChecklistObservation[] =>
	Array.from({ length: n }, () => ({ activityId: a.id, deleted }));

const itemOf = (list: ReturnType<typeof checklistOf>, promptId: string) =>
	list.items.find((i) => i.prompt.id === promptId)!;

describe('a component checklist', () => {
	it('has one item per prompt, in the framework order, none planned at first', () => {
		const list = checklistOf(staff, [], []);
		expect(list.items.map((i) => i.prompt.id)).toEqual(staff.prompts.map((p) => p.id));
		expect(list.items).toHaveLength(5);
		for (const item of list.items) {
			expect(item.status).toBe('not-planned');
			expect(item.activities).toEqual([]);
			expect(item.evidenceCount).toBe(0);
		}
		expect(list.adHoc).toEqual([]);
	});

	it('takes the furthest status of its linked activities: done, else in progress, else planned', () => {
		const planned = activity(p1!.id, 'planned');
		const started = [activity(p2!.id, 'planned'), activity(p2!.id, 'in-progress')];
		const finished = [
			activity(p3!.id, 'in-progress'),
			activity(p3!.id, 'done'),
			activity(p3!.id, 'planned')
		];
		const list = checklistOf(staff, [planned, ...started, ...finished], []);
		expect(list.items.map((i) => i.status)).toEqual([
			'planned',
			'in-progress',
			'done',
			'not-planned',
			'not-planned'
		]);
		expect(itemOf(list, p3!.id).activities.map((a) => a.activity.id)).toEqual(
			finished.map((a) => a.id)
		);
	});

	it('counts a status written by a newer app version as planned, not as nothing', () => {
		const list = checklistOf(staff, [activity(p4!.id, 'postponed')], []);
		expect(itemOf(list, p4!.id).status).toBe('planned');
	});

	it('counts the evidence of each activity and of the item as a whole', () => {
		const walk = activity(p1!.id, 'done');
		const survey = activity(p1!.id, 'in-progress');
		const quiet = activity(p2!.id, 'planned');
		const list = checklistOf(
			staff,
			[walk, survey, quiet],
			[...notes(walk, 3), ...notes(survey, 1)]
		);
		const item = itemOf(list, p1!.id);
		expect(item.activities.map((a) => a.evidenceCount)).toEqual([3, 1]);
		expect(item.evidenceCount).toBe(4);
		expect(itemOf(list, p2!.id).evidenceCount).toBe(0);
	});

	it('ignores deleted activities and deleted observations', () => {
		const gone = activity(p1!.id, 'done', { deleted: true });
		const kept = activity(p1!.id, 'planned');
		const list = checklistOf(
			staff,
			[gone, kept],
			[...notes(gone, 2), ...notes(kept, 1), ...notes(kept, 2, true)]
		);
		const item = itemOf(list, p1!.id);
		expect(item.status).toBe('planned');
		expect(item.activities.map((a) => a.activity.id)).toEqual([kept.id]);
		expect(item.evidenceCount).toBe(1);

		const onlyDeleted = checklistOf(staff, [activity(p5!.id, 'done', { deleted: true })], []);
		expect(itemOf(onlyDeleted, p5!.id).status).toBe('not-planned');
	});

	it('keeps ad-hoc activities apart, with their own counts, and never on an item', () => {
		const adHoc = activity(null, 'done');
		const fromPrompt = activity(p1!.id, 'planned');
		const list = checklistOf(staff, [adHoc, fromPrompt], [...notes(adHoc, 2)]);
		expect(list.adHoc).toEqual([{ activity: adHoc, evidenceCount: 2 }]);
		expect(itemOf(list, p1!.id).status).toBe('planned');
		expect(list.items.reduce((sum, i) => sum + i.evidenceCount, 0)).toBe(0);
	});

	it('shows an activity for a prompt this framework version lacks as ad hoc, not nowhere', () => {
		const stray = activity('c1-p-from-a-later-version', 'planned');
		expect(checklistOf(staff, [stray], []).adHoc.map((a) => a.activity)).toEqual([stray]);
	});

	it("leaves out other components' activities, ad hoc or from their prompts", () => {
		const elsewhere = [
			activity(other.prompts[0]!.id, 'done', { componentId: other.id }),
			activity(null, 'done', { componentId: other.id })
		];
		const list = checklistOf(staff, elsewhere, notes(elsewhere[0]!, 1));
		expect(list.items.every((i) => i.status === 'not-planned' && i.evidenceCount === 0)).toBe(true);
		expect(list.adHoc).toEqual([]);
		expect(checklistOf(other, elsewhere, []).adHoc).toHaveLength(1);
	});

	it('returns the activities it was given, so a screen keeps their titles', () => {
		const titled = { ...activity(p1!.id, 'planned'), title: 'Learning walk' };
		const [first] = checklistOf(staff, [titled], []).items;
		expect(first!.activities[0]!.activity.title).toBe('Learning walk');
	});
});

describe('evidence counts in words', () => {
	it('says none, one and many', () => {
		expect([0, 1, 2].map(evidenceCountLabel)).toEqual([
			'No observations',
			'1 observation',
			'2 observations'
		]);
	});
});
