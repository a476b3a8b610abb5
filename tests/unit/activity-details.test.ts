import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	minutesIn,
	newQuestionId,
	notesByQuestion,
	saveGuide,
	saveLessonDetails,
	saveParticipants
} from '../../src/lib/client/activity-details';
import type { Device } from '../../src/lib/client/db/device';
import { freshDevice } from '../helpers/fresh-device';
import { planActivity } from '../../src/lib/client/records';
import { activityOnDevice } from '../../src/lib/client/queries';
import { newRecordId } from '../helpers/sim';

let device: Device;
const auditId = newRecordId();

beforeEach(async () => {
	// A fresh IndexedDB per test: nothing one test writes is seen by the next.
	device = await freshDevice();
});
afterEach(() => device.db.close());

async function activity(kind: 'interview' | 'lesson-observation') {
	const planned = await planActivity(device, {
		auditId,
		componentId: 'staff',
		promptId: null,
		kind,
		title: 'Staff interview',
		plannedStart: '',
		location: ''
	});
	if (!planned.ok) throw new Error('activity refused');
	return { id: planned.id, auditId };
}
const detail = (id: string) => activityOnDevice(device.db, auditId, id);
const changes = () => device.db.outbox.orderBy('seq').toArray();

describe('saveParticipants', () => {
	it('saves roles and counts as one patch of the activity', async () => {
		const a = await activity('interview');
		const result = await saveParticipants(device, a, [
			{ role: ' Year 6 pupils ', count: '8' },
			{ role: 'Teaching assistant', count: '1' }
		]);
		expect(result).toEqual({ ok: true, id: a.id });
		expect((await detail(a.id))?.participants).toEqual([
			{ role: 'Year 6 pupils', count: 8 },
			{ role: 'Teaching assistant', count: 1 }
		]);
		expect((await changes()).at(-1)!.change.fields).toEqual({
			participants: [
				{ role: 'Year 6 pupils', count: 8 },
				{ role: 'Teaching assistant', count: 1 }
			]
		});
	});

	it('says which row is wrong and writes nothing', async () => {
		const a = await activity('interview');
		const before = (await changes()).length;
		const result = await saveParticipants(device, a, [
			{ role: '', count: '3' },
			{ role: 'Teachers', count: 'two' },
			{ role: 'Governors', count: '1.5' }
		]);
		expect(result).toEqual({
			ok: false,
			errors: {
				'role-0': 'Say the role, e.g. Year 6 pupils',
				'count-1': 'Give a whole number, e.g. 8',
				'count-2': 'Give a whole number, e.g. 8'
			}
		});
		expect(await changes()).toHaveLength(before);
		expect((await detail(a.id))?.participants).toEqual([]);
	});

	it('saves an emptied list, for a group recorded by mistake', async () => {
		const a = await activity('interview');
		await saveParticipants(device, a, [{ role: 'Parents', count: '4' }]);
		expect(await saveParticipants(device, a, [])).toMatchObject({ ok: true });
		expect((await detail(a.id))?.participants).toEqual([]);
	});
});

describe('saveGuide', () => {
	it('saves the questions in their order, trimmed', async () => {
		const a = await activity('interview');
		const id = newQuestionId();
		const result = await saveGuide(device, a, [
			{ id: 'q2', text: ' What helps? ' },
			{ id, text: 'Anything else?' }
		]);
		expect(result.ok).toBe(true);
		expect((await detail(a.id))?.guide).toEqual([
			{ id: 'q2', text: 'What helps?' },
			{ id, text: 'Anything else?' }
		]);
	});

	it('points at an empty question and keeps the saved guide', async () => {
		const a = await activity('interview');
		await saveGuide(device, a, [{ id: 'q1', text: 'What helps?' }]);
		const result = await saveGuide(device, a, [
			{ id: 'q1', text: 'What helps?' },
			{ id: 'q2', text: '  ' }
		]);
		expect(result).toEqual({
			ok: false,
			errors: { 'question-1': 'Write the question, or remove it' }
		});
		expect((await detail(a.id))?.guide).toEqual([{ id: 'q1', text: 'What helps?' }]);
	});

	it('gives every new question an id of its own', () => {
		const ids = new Set(Array.from({ length: 50 }, newQuestionId));
		expect(ids.size).toBe(50);
	});
});

describe('saveLessonDetails', () => {
	it('saves the subject and year group, and an empty one as none', async () => {
		const a = await activity('lesson-observation');
		expect(await saveLessonDetails(device, a, { subject: ' Maths ', yearGroup: 'Year 5' })).toEqual(
			{
				ok: true,
				id: a.id
			}
		);
		expect(await detail(a.id)).toMatchObject({ subject: 'Maths', yearGroup: 'Year 5' });
		await saveLessonDetails(device, a, { subject: 'Maths', yearGroup: ' ' });
		expect(await detail(a.id)).toMatchObject({ subject: 'Maths', yearGroup: null });
	});

	it('refuses a subject too long for the record, beside the field', async () => {
		const a = await activity('lesson-observation');
		const result = await saveLessonDetails(device, a, { subject: 'x'.repeat(81), yearGroup: '' });
		expect(result).toEqual({ ok: false, errors: { subject: 'At most 80 characters' } });
	});
});

describe('notesByQuestion', () => {
	it('puts each note under its question, the rest as general or removed', () => {
		const notes = [
			{ id: 'a', questionId: 'q1' },
			{ id: 'b', questionId: null },
			{ id: 'c', questionId: 'gone' },
			{ id: 'd', questionId: 'q1' }
		];
		const groups = notesByQuestion(notes, [{ id: 'q1' }, { id: 'q2' }]);
		expect(groups.byQuestion.get('q1')!.map((n) => n.id)).toEqual(['a', 'd']);
		expect(groups.byQuestion.get('q2')).toEqual([]);
		expect(groups.general.map((n) => n.id)).toEqual(['b']);
		expect(groups.removed.map((n) => n.id)).toEqual(['c']);
	});
});

describe('minutesIn', () => {
	it('counts whole minutes from the first note', () => {
		const first = '2026-11-23T09:00:30.000Z';
		expect(minutesIn(first, first)).toBe(0);
		expect(minutesIn(first, '2026-11-23T09:01:29.000Z')).toBe(0);
		expect(minutesIn(first, '2026-11-23T09:12:30.000Z')).toBe(12);
		expect(minutesIn(first, '2026-11-23T08:59:00.000Z')).toBeNull();
		expect(minutesIn(first, 'not a time')).toBeNull();
	});
});
