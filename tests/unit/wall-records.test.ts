import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import { activityOnDevice, observationsOfActivity } from '../../src/lib/client/queries';
import { addObservation } from '../../src/lib/client/records';
import { moveNoteToTheme, saveWallPrompt } from '../../src/lib/client/wall-records';
import { imhars } from '../../src/lib/framework';
import { advisorWithDevice, auditWithActivity } from '../helpers/fresh-device';

let setup: Awaited<ReturnType<typeof advisorWithDevice>>;
let device: Device;

beforeEach(async () => {
	setup = await advisorWithDevice();
	({ device } = setup);
});
afterEach(() => setup.close());

const parents = imhars.components.find((c) => c.id === 'parents')!;

/** An audit with a graffiti wall planned from its prompt, and one yellow sticky note on it. */
async function wallWithNote() {
	const { auditId, activityId } = await auditWithActivity(device, {
		componentId: parents.id,
		promptId: null,
		kind: 'graffiti-wall',
		title: 'Staff graffiti wall',
		location: 'Staff room'
	});
	const note = await addObservation(device, {
		auditId,
		activityId,
		componentId: parents.id,
		text: 'Parents evening feels rushed',
		location: '',
		judgement: 'development',
		practiceIds: [],
		extra: { colour: 'yellow' }
	});
	if (!note.ok) throw new Error('note refused');
	return { auditId, activityId, noteId: note.id };
}

describe('saveWallPrompt', () => {
	it('keeps the wall’s question, trimmed, and an empty one clears it', async () => {
		const { auditId, activityId } = await wallWithNote();
		const activity = { id: activityId, auditId };
		expect(await saveWallPrompt(device, activity, '  I feel part of this school when…  ')).toEqual({
			ok: true,
			id: activityId
		});
		expect((await activityOnDevice(device.db, auditId, activityId))?.wallPrompt).toBe(
			'I feel part of this school when…'
		);
		await saveWallPrompt(device, activity, '   ');
		expect((await activityOnDevice(device.db, auditId, activityId))?.wallPrompt).toBeNull();
		await setup.serverAcceptsOutbox();
	});

	it('refuses a question over 500 characters beside the field, and writes nothing', async () => {
		const { auditId, activityId } = await wallWithNote();
		const before = await device.db.outbox.count();
		expect(await saveWallPrompt(device, { id: activityId, auditId }, 'x'.repeat(501))).toEqual({
			ok: false,
			errors: { wallPrompt: 'The question is too long: 500 characters at most' }
		});
		expect(await device.db.outbox.count()).toBe(before);
	});
});

describe('moveNoteToTheme', () => {
	it('puts a sticky note under a theme and back to none, keeping its words and colour', async () => {
		const { auditId, activityId, noteId } = await wallWithNote();
		const note = { id: noteId, scope: auditId };
		expect(await moveNoteToTheme(device, note, 'Communication')).toEqual({ ok: true, id: noteId });
		const [moved] = await observationsOfActivity(device.db, auditId, activityId);
		expect(moved).toMatchObject({
			theme: 'Communication',
			colour: 'yellow',
			text: 'Parents evening feels rushed'
		});
		// Only the theme travels: one field, merged on its own with other tablets' changes.
		const last = await device.db.outbox.orderBy('seq').last();
		expect(last?.change.fields).toEqual({ theme: 'Communication' });
		await moveNoteToTheme(device, note, null);
		expect((await observationsOfActivity(device.db, auditId, activityId))[0]?.theme).toBeNull();
		await setup.serverAcceptsOutbox();
	});

	it('refuses a theme name over 80 characters', async () => {
		const { auditId, noteId } = await wallWithNote();
		expect(await moveNoteToTheme(device, { id: noteId, scope: auditId }, 'x'.repeat(81))).toEqual({
			ok: false,
			errors: { theme: 'A theme name is 80 characters at most' }
		});
	});
});
