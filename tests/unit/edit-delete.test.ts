import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteActivity, undoDelete } from '../../src/lib/client/edit/cascade';
import { correctNote, noteFields, setDeleted } from '../../src/lib/client/edit/notes';
import { activitiesOf, observationsOf, observationsOfActivity } from '../../src/lib/client/queries';
import { addObservation, planActivity } from '../../src/lib/client/records';
import { advisorWithDevice, auditWithActivity } from '../helpers/fresh-device';

/*
 * Correct and delete (issue 14): every field of a saved note corrected with only the changed
 * fields written; an activity deleted with its notes in one transaction, undone exactly; all
 * of it accepted by the real push handler.
 */

let setup: Awaited<ReturnType<typeof advisorWithDevice>>;
let ids: { auditId: string; activityId: string };

beforeEach(async () => {
	setup = await advisorWithDevice();
	ids = await auditWithActivity(setup.device, {
		componentId: 'vision-values',
		promptId: null,
		kind: 'learning-walk',
		title: 'Walk'
	});
});
afterEach(() => setup.close());

async function note(text: string, activityId = ids.activityId) {
	const made = await addObservation(setup.device, {
		auditId: ids.auditId,
		activityId,
		componentId: 'vision-values',
		text,
		location: 'Corridor',
		judgement: 'neutral',
		practiceIds: ['vision-values.sp1'],
		photoHashes: []
	});
	if (!made.ok) throw new Error(JSON.stringify(made.errors));
	return made.id;
}

describe('correcting a note', () => {
	it('writes every corrected field, and only those', async () => {
		await note('Pupil Jamie Smith helps a friend.');
		const [saved] = await observationsOfActivity(setup.device.db, ids.auditId, ids.activityId);
		const before = await setup.device.db.outbox.count();
		const result = await correctNote(setup.device, saved!, {
			...noteFields(saved!),
			text: 'A pupil helps a friend.',
			judgement: 'strength',
			practiceIds: ['vision-values.sp2', 'vision-values.sp3'],
			location: 'Playground',
			verbatim: true
		});
		expect(result).toEqual({ ok: true, id: saved!.id });
		const [after] = await observationsOfActivity(setup.device.db, ids.auditId, ids.activityId);
		expect(after).toMatchObject({
			text: 'A pupil helps a friend.',
			judgement: 'strength',
			practiceIds: ['vision-values.sp2', 'vision-values.sp3'],
			location: 'Playground',
			verbatim: true
		});
		const change = (await setup.device.db.outbox.orderBy('seq').last())!.change;
		expect(Object.keys(change.fields).sort()).toEqual(
			['judgement', 'location', 'practiceIds', 'text', 'verbatim'].sort()
		);
		expect(await setup.device.db.outbox.count()).toBe(before + 1);
		// Nothing changed: nothing written.
		await correctNote(setup.device, after!, noteFields(after!));
		expect(await setup.device.db.outbox.count()).toBe(before + 1);
		await setup.serverAcceptsOutbox();
	});

	it('moves a note to another activity of the audit', async () => {
		await note('Written under the wrong activity.');
		const planned = await planActivity(setup.device, {
			auditId: ids.auditId,
			componentId: 'vision-values',
			promptId: null,
			kind: 'event',
			title: 'Assembly',
			plannedStart: '',
			location: ''
		});
		if (!planned.ok) throw new Error('activity refused');
		const [saved] = await observationsOfActivity(setup.device.db, ids.auditId, ids.activityId);
		await correctNote(setup.device, saved!, { ...noteFields(saved!), activityId: planned.id });
		expect(await observationsOfActivity(setup.device.db, ids.auditId, ids.activityId)).toEqual([]);
		const moved = await observationsOfActivity(setup.device.db, ids.auditId, planned.id);
		expect(moved.map((n) => n.text)).toEqual(['Written under the wrong activity.']);
		await setup.serverAcceptsOutbox();
	});
});

describe('deleting', () => {
	it('a note: gone from every list of the device; undone by clearing its tombstone', async () => {
		const id = await note('A note made by mistake.');
		const record = { type: 'observation' as const, id, scope: ids.auditId };
		await setDeleted(setup.device, record, true);
		expect(await observationsOf(setup.device.db, ids.auditId)).toEqual([]);
		await setDeleted(setup.device, record, false);
		expect((await observationsOf(setup.device.db, ids.auditId)).map((n) => n.id)).toEqual([id]);
		await setup.serverAcceptsOutbox();
	});

	it('an activity takes its notes with it in one transaction; undo puts back exactly those', async () => {
		const kept = await note('Stays.');
		const gone = await note('Deleted before, stays deleted.');
		await setDeleted(setup.device, { type: 'observation', id: gone, scope: ids.auditId }, true);
		const before = await setup.device.db.outbox.count();
		const deleted = await deleteActivity(setup.device, {
			id: ids.activityId,
			auditId: ids.auditId
		});
		expect(deleted.withIt).toBe(1);
		expect(await setup.device.db.outbox.count()).toBe(before + 2);
		expect(await activitiesOf(setup.device.db, ids.auditId)).toEqual([]);
		expect(await observationsOf(setup.device.db, ids.auditId)).toEqual([]);

		await undoDelete(setup.device, deleted);
		expect((await activitiesOf(setup.device.db, ids.auditId)).map((a) => a.id)).toEqual([
			ids.activityId
		]);
		expect((await observationsOf(setup.device.db, ids.auditId)).map((n) => n.id)).toEqual([kept]);
		await setup.serverAcceptsOutbox();
	});
});
