import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import {
	activityFromPrompt,
	addObservation,
	createAudit,
	createSchool,
	localTimeToIso,
	planActivity,
	setActivityStatus,
	shortTitle,
	type SchoolInput
} from '../../src/lib/client/records';
import type { User } from '../../src/lib/domain/user';
import { imhars } from '../../src/lib/framework';
import { pushChanges } from '../../src/lib/server/sync/push';
import { advisorWithDevice } from '../helpers/fresh-device';
import { newRecordId } from '../helpers/sim';

let setup: Awaited<ReturnType<typeof advisorWithDevice>>;
let store: typeof setup.store;
let ann: User;
let device: Device;

beforeEach(async () => {
	setup = await advisorWithDevice();
	({ store, ann, device } = setup);
});
afterEach(() => setup.close());

const goodSchool: SchoolInput = {
	name: 'Drayton Park Primary',
	urn: '100000',
	phase: 'primary',
	localAuthority: 'Islington'
};
const staff = imhars.components[0]!;
const outbox = () => device.db.outbox.orderBy('seq').toArray();

/** The server takes every waiting change: valid for its type, allowed for Ann, none quarantined. */
async function serverAcceptsOutbox() {
	const changes = (await outbox()).map((e) => e.change);
	const answer = await pushChanges(store.db, ann, {
		protocol: 1,
		clientId: device.clientId,
		changes
	});
	expect(answer.status).toBe(200);
	expect(answer.body).toMatchObject({ lastProcessedSeq: changes.length, quarantined: [] });
}

/** A school and an audit of it with the first component, as the screens make them. */
async function schoolAndAudit() {
	const school = await createSchool(device, goodSchool);
	if (!school.ok) throw new Error('school refused');
	const audit = await createAudit(device, {
		schoolId: school.id,
		title: 'Autumn audit',
		componentIds: [staff.id]
	});
	if (!audit.ok) throw new Error('audit refused');
	return { schoolId: school.id, auditId: audit.id };
}

describe('createSchool', () => {
	it('writes the school in the org scope and one change to the outbox', async () => {
		const result = await createSchool(device, { ...goodSchool, name: '  Drayton Park Primary ' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const record = await device.db.records.get(result.id);
		expect(record).toMatchObject({ type: 'school', scope: 'org', deleted: 0 });
		expect(record?.values).toEqual({ ...goodSchool, deleted: false });
		const changes = await outbox();
		expect(changes).toHaveLength(1);
		expect(changes[0]!.change).toMatchObject({
			seq: 1,
			type: 'school',
			recordId: result.id,
			scope: 'org',
			base: null,
			fields: { ...goodSchool, deleted: false }
		});
		await serverAcceptsOutbox();
	});

	it('refuses a five-digit URN and an empty name, says which fields, and writes nothing', async () => {
		const result = await createSchool(device, { ...goodSchool, name: '   ', urn: '12345' });
		expect(result).toEqual({
			ok: false,
			errors: { name: "Enter the school's name", urn: 'A URN is six digits, like 100000' }
		});
		const noPhase = await createSchool(device, { ...goodSchool, phase: '' });
		expect(noPhase).toEqual({ ok: false, errors: { phase: "Choose the school's phase" } });
		expect(await device.db.records.count()).toBe(0);
		expect(await device.db.outbox.count()).toBe(0);
		// No seq was used: the next good write is still change 1.
		await createSchool(device, goodSchool);
		expect((await outbox()).map((e) => e.seq)).toEqual([1]);
	});
});

describe('createAudit', () => {
	it('writes an audit the signed-in user leads, in its own scope, at stage 1', async () => {
		const { schoolId, auditId } = await schoolAndAudit();
		const record = await device.db.records.get(auditId);
		expect(record).toMatchObject({ type: 'audit', scope: auditId });
		expect(record?.values).toEqual({
			schoolId,
			title: 'Autumn audit',
			frameworkId: 'imhars',
			members: [ann.id],
			lead: ann.id,
			stage: 1,
			componentIds: [staff.id],
			deleted: false
		});
		const changes = await outbox();
		expect(changes.map((e) => [e.change.type, e.change.scope])).toEqual([
			['school', 'org'],
			['audit', auditId]
		]);
		await serverAcceptsOutbox();
	});

	it('refuses an empty title, no components or an unknown one, and writes nothing', async () => {
		const schoolId = newRecordId();
		const bad = await createAudit(device, { schoolId, title: ' ', componentIds: [] });
		expect(bad).toEqual({
			ok: false,
			errors: {
				title: 'Give the audit a title',
				componentIds: 'Choose at least one component to audit'
			}
		});
		const unknown = await createAudit(device, { schoolId, title: 'A', componentIds: ['nope'] });
		expect(unknown).toMatchObject({ ok: false, errors: { componentIds: expect.any(String) } });
		expect(await device.db.outbox.count()).toBe(0);
		expect(await device.db.records.count()).toBe(0);
	});
});

describe('planActivity', () => {
	it('plans an activity from a prompt: its kind, its text shortened, planned, no time', async () => {
		const { auditId } = await schoolAndAudit();
		const prompt = staff.prompts[0]!;
		const result = await planActivity(device, activityFromPrompt(auditId, staff.id, prompt));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const record = await device.db.records.get(result.id);
		expect(record).toMatchObject({ type: 'activity', scope: auditId });
		expect(record?.values).toEqual({
			componentId: staff.id,
			promptId: prompt.id,
			kind: prompt.activityKind,
			title: shortTitle(prompt.text),
			status: 'planned',
			plannedStart: null,
			location: null,
			deleted: false
		});
		expect(await device.db.outbox.count()).toBe(3);
		await serverAcceptsOutbox();
	});

	it('plans an ad-hoc activity with a time and a place', async () => {
		const { auditId } = await schoolAndAudit();
		const input = {
			auditId,
			componentId: staff.id,
			promptId: null,
			kind: 'interview' as const,
			title: 'Talk with the SENCo',
			plannedStart: '2026-11-24T10:30',
			location: ' Staff room '
		};
		const result = await planActivity(device, input);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const values = (await device.db.records.get(result.id))?.values;
		expect(values).toMatchObject({ promptId: null, kind: 'interview', location: 'Staff room' });
		expect(values?.plannedStart).toBe(new Date('2026-11-24T10:30').toISOString());
		await serverAcceptsOutbox();
	});

	it('refuses an ad-hoc activity with no kind, no title or a broken time, writing nothing', async () => {
		const { auditId } = await schoolAndAudit();
		const before = await device.db.outbox.count();
		const result = await planActivity(device, {
			auditId,
			componentId: staff.id,
			promptId: null,
			kind: '',
			title: '',
			plannedStart: 'not a time',
			location: ''
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				kind: 'Choose the kind of activity',
				title: 'Give the activity a title',
				plannedStart: 'Enter a date and time, or leave it empty'
			}
		});
		expect(await device.db.outbox.count()).toBe(before);
	});
});

describe('setActivityStatus', () => {
	it('moves an activity to in progress then done, one status change each, and the server takes them', async () => {
		const { auditId } = await schoolAndAudit();
		const planned = await planActivity(
			device,
			activityFromPrompt(auditId, staff.id, staff.prompts[0]!)
		);
		if (!planned.ok) throw new Error('not planned');
		const activity = { id: planned.id, auditId, status: 'planned' };
		expect(await setActivityStatus(device, activity, 'in-progress')).toEqual({
			ok: true,
			id: planned.id
		});
		await setActivityStatus(device, { ...activity, status: 'in-progress' }, 'done');
		expect((await device.db.records.get(planned.id))?.values.status).toBe('done');
		const changes = (await outbox()).slice(-2).map((e) => e.change);
		expect(changes.map((c) => c.fields)).toEqual([{ status: 'in-progress' }, { status: 'done' }]);
		expect(changes.every((c) => c.recordId === planned.id && c.scope === auditId)).toBe(true);
		await serverAcceptsOutbox();
	});

	it('writes nothing for the status it already has, or for one the app does not know', async () => {
		const { auditId } = await schoolAndAudit();
		const planned = await planActivity(
			device,
			activityFromPrompt(auditId, staff.id, staff.prompts[1]!)
		);
		if (!planned.ok) throw new Error('not planned');
		const before = await device.db.outbox.count();
		const activity = { id: planned.id, auditId, status: 'planned' };
		expect((await setActivityStatus(device, activity, 'planned')).ok).toBe(true);
		expect(await setActivityStatus(device, activity, 'finished')).toEqual({
			ok: false,
			errors: { status: 'Choose planned, in progress or done' }
		});
		expect(await device.db.outbox.count()).toBe(before);
		expect((await device.db.records.get(planned.id))?.values.status).toBe('planned');
	});
});

describe('addObservation', () => {
	it('captures a note now, with its practices and judgement, no photos, in the audit scope', async () => {
		const { auditId } = await schoolAndAudit();
		const planned = await planActivity(
			device,
			activityFromPrompt(auditId, staff.id, staff.prompts[0]!)
		);
		if (!planned.ok) throw new Error('activity refused');
		const now = Date.parse('2026-11-23T10:15:00.000Z');
		const practiceIds = [staff.practices[0]!.id];
		const result = await addObservation(
			device,
			{
				auditId,
				activityId: planned.id,
				componentId: staff.id,
				text: 'Staff greet pupils by name at the gate.',
				location: 'Playground',
				judgement: 'strength',
				practiceIds
			},
			now
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const record = await device.db.records.get(result.id);
		expect(record).toMatchObject({ type: 'observation', scope: auditId });
		expect(record?.values).toEqual({
			activityId: planned.id,
			componentId: staff.id,
			text: 'Staff greet pupils by name at the gate.',
			practiceIds,
			judgement: 'strength',
			capturedAt: '2026-11-23T10:15:00.000Z',
			location: 'Playground',
			photoHashes: [],
			deleted: false
		});
		const last = (await outbox()).at(-1)!;
		expect(last).toMatchObject({ seq: 4, change: { type: 'observation', recordId: result.id } });
		await serverAcceptsOutbox();
	});

	it('refuses an empty note and writes nothing', async () => {
		const result = await addObservation(device, {
			auditId: newRecordId(),
			activityId: newRecordId(),
			componentId: staff.id,
			text: '  \n ',
			location: '',
			judgement: 'neutral',
			practiceIds: []
		});
		expect(result).toEqual({ ok: false, errors: { text: 'Write the observation' } });
		expect(await device.db.outbox.count()).toBe(0);
	});
});

describe('the helpers behind the forms', () => {
	it('shortens a long prompt at a word, and reads a datetime-local value as local time', () => {
		const long = staff.prompts.find((p) => p.text.length > 80)?.text ?? 'x '.repeat(60);
		const short = shortTitle(long);
		expect(short.length).toBeLessThanOrEqual(80);
		expect(short.endsWith('…')).toBe(true);
		expect(long.startsWith(short.slice(0, -1))).toBe(true);
		expect(shortTitle('Short prompt')).toBe('Short prompt');
		expect(localTimeToIso('')).toBeNull();
		expect(localTimeToIso('nonsense')).toBeUndefined();
	});
});
