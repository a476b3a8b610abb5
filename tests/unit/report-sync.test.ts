import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConflicts } from '../../src/lib/client/db/conflicts';
import type { Device } from '../../src/lib/client/db/device';
import { removeMember } from '../../src/lib/client/members';
import { setReportStatus, updateItem } from '../../src/lib/client/report/edits';
import { auditReportData } from '../../src/lib/client/report/queries';
import { addFinding, addNextStep, REOPENED_NOTE } from '../../src/lib/client/report/writes';
import type { User } from '../../src/lib/domain/user';
import { assembleReport } from '../../src/lib/framework/report';
import { auditFields, observationFields, schoolFields } from '../helpers/changes';
import { newRecordId, SimDevice, twoAdvisors, type SimServer } from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const MINUTE = 60_000;
const C = 'vision-values';
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

const device = (t: SimDevice): Device => ({ db: t.db, clientId: t.clientId, userId: t.user.id });

/** Ann's audit with Bob a member, one activity and two notes (one a safeguarding concern), synced to both. */
async function sharedAudit() {
	const annsTablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
	const bobsTablet = new SimDevice('bob-tablet', 'b000000000000001', bob, server);
	const schoolId = newRecordId();
	const auditId = newRecordId();
	const activityId = newRecordId();
	const noteId = newRecordId();
	const concernId = newRecordId();
	await annsTablet.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields() });
	const audit = auditFields(schoolId, ann.id, [ann.id, bob.id]);
	await annsTablet.write({ type: 'audit', id: auditId, scope: auditId, fields: audit });
	await annsTablet.write({
		type: 'activity',
		id: activityId,
		scope: auditId,
		fields: {
			componentId: C,
			promptId: null,
			kind: 'learning-walk',
			title: 'Morning walk',
			status: 'done',
			plannedStart: null,
			location: null,
			deleted: false
		}
	});
	const fields = observationFields(activityId, 'Staff greet every pupil by name at the gate');
	await annsTablet.write({ type: 'observation', id: noteId, scope: auditId, fields });
	await annsTablet.write({
		type: 'observation',
		id: concernId,
		scope: auditId,
		fields: { ...observationFields(activityId, 'A child said something worrying') }
	});
	// The flag is issue 14's; a raw write stands in for it until that lands in the schema.
	const concern = (await annsTablet.db.records.get(concernId))!;
	await annsTablet.db.records.put({
		...concern,
		values: { ...concern.values, safeguarding: true }
	});
	expect(await annsTablet.sync()).toMatchObject({ ok: true });
	expect(await bobsTablet.sync()).toMatchObject({ ok: true });
	return { annsTablet, bobsTablet, auditId, noteId, concernId };
}

const reportOn = async (t: SimDevice, auditId: string) =>
	assembleReport(C, await auditReportData(t.db, auditId), '2026-11-23');

describe('a short report drafted on two tablets', () => {
	it('keeps both advisors’ findings when both drafted offline, and never shows a safeguarding note', async () => {
		const { annsTablet, bobsTablet, auditId, noteId, concernId } = await sharedAudit();
		server.now += MINUTE;
		const draft = { componentId: C, kind: 'strength' as const, position: 0 };
		expect(
			await addFinding(
				device(annsTablet),
				auditId,
				{
					...draft,
					text: 'A warm welcome at the gate',
					evidence: [noteId, concernId]
				},
				server.now
			)
		).toMatchObject({ ok: true });
		expect(
			await addFinding(
				device(bobsTablet),
				auditId,
				{
					...draft,
					kind: 'challenge',
					text: 'Values not yet known by pupils',
					evidence: []
				},
				server.now
			)
		).toMatchObject({ ok: true });
		for (const t of [annsTablet, bobsTablet, annsTablet]) await t.sync();
		for (const t of [annsTablet, bobsTablet]) {
			const report = await reportOn(t, auditId);
			expect(report.strengths.map((f) => f.text)).toEqual(['A warm welcome at the gate']);
			expect(report.challenges.map((f) => f.text)).toEqual(['Values not yet known by pupils']);
		}
		// The flagged note (flagged on Ann's tablet) is neither evidence nor linked.
		const report = await reportOn(annsTablet, auditId);
		expect(report.strengths[0]!.notes.map((n) => n.id)).toEqual([noteId]);
		const data = await auditReportData(annsTablet.db, auditId);
		expect(data.notes.map((n) => n.id)).toEqual([noteId]);
	});

	it('keeps both texts as a conflict when one finding is edited on two tablets at once', async () => {
		const { annsTablet, bobsTablet, auditId } = await sharedAudit();
		await addFinding(
			device(annsTablet),
			auditId,
			{
				componentId: C,
				kind: 'strength',
				text: 'Staff greet pupils',
				evidence: [],
				position: 0
			},
			server.now
		);
		await annsTablet.sync();
		await bobsTablet.sync();
		const [finding] = (await reportOn(bobsTablet, auditId)).strengths;
		const item = { type: 'finding' as const, id: finding!.id, auditId, componentId: C };
		server.now += MINUTE;
		await updateItem(
			device(annsTablet),
			item,
			{ text: 'Ann: staff greet every pupil by name' },
			server.now
		);
		await updateItem(
			device(bobsTablet),
			item,
			{ text: 'Bob: a warm welcome each morning' },
			server.now
		);
		for (const t of [annsTablet, bobsTablet, annsTablet]) await t.sync();
		for (const t of [annsTablet, bobsTablet]) {
			const [open] = await openConflicts(t.db);
			expect(open?.conflict).toMatchObject({ recordType: 'finding', field: 'text' });
			expect(open!.conflict.values.map((v) => v.value).sort()).toEqual([
				'Ann: staff greet every pupil by name',
				'Bob: a warm welcome each morning'
			]);
		}
	});

	it('a removed member loses the report from their tablet', async () => {
		const { annsTablet, bobsTablet, auditId } = await sharedAudit();
		await addFinding(
			device(bobsTablet),
			auditId,
			{
				componentId: C,
				kind: 'strength',
				text: 'Bob’s finding',
				evidence: [],
				position: 0
			},
			server.now
		);
		await bobsTablet.sync();
		await annsTablet.sync();
		expect(await removeMember(device(annsTablet), auditId, bob.id)).toMatchObject({ ok: true });
		await annsTablet.sync();
		await bobsTablet.sync();
		const left = await auditReportData(bobsTablet.db, auditId);
		expect(left.findings).toEqual([]);
		expect(left.notes).toEqual([]);
		expect((await reportOn(annsTablet, auditId)).strengths.map((f) => f.text)).toEqual([
			'Bob’s finding'
		]);
	});
});

describe('agreeing a report', () => {
	it('records the agreement with whom, and an edit after it reopens the report as a draft', async () => {
		const { annsTablet, bobsTablet, auditId } = await sharedAudit();
		const d = device(annsTablet);
		await addNextStep(
			d,
			auditId,
			{
				componentId: C,
				text: 'Share the values with pupils in assembly',
				owner: 'Head teacher',
				due: '2027-01-15',
				risk: 'high',
				capacity: 'high',
				findingIds: [],
				position: 0
			},
			server.now
		);
		expect(
			await setReportStatus(d, auditId, C, { status: 'agreed', with: '', note: '' }, server.now)
		).toEqual({ ok: false, errors: { with: 'Say who agreed it, by role (e.g. "Deputy head")' } });
		server.now += MINUTE;
		await setReportStatus(
			d,
			auditId,
			C,
			{ status: 'agreed', with: 'Deputy head', note: '' },
			server.now
		);
		let report = await reportOn(annsTablet, auditId);
		expect(report.status).toMatchObject({ status: 'agreed', with: 'Deputy head', reopened: false });
		const [step] = report.nextSteps;
		const item = { type: 'nextStep' as const, id: step!.id, auditId, componentId: C };
		// Progress in stage 5 is not an edit of the agreed words.
		server.now += MINUTE;
		await updateItem(d, item, { status: 'in-progress' }, server.now);
		expect((await reportOn(annsTablet, auditId)).status.status).toBe('agreed');
		// A refused edit writes nothing and leaves the agreement as it was.
		expect(await updateItem(d, item, { owner: '' }, server.now)).toMatchObject({ ok: false });
		expect((await reportOn(annsTablet, auditId)).status.status).toBe('agreed');
		server.now += MINUTE;
		await updateItem(d, item, { text: 'Share the values in assembly and class' }, server.now);
		report = await reportOn(annsTablet, auditId);
		expect(report.status).toMatchObject({ status: 'draft', reopened: true });
		expect(report.history.map((h) => [h.status, h.with, h.note])).toEqual([
			['agreed', 'Deputy head', ''],
			['draft', null, REOPENED_NOTE]
		]);
		await annsTablet.sync();
		await bobsTablet.sync();
		expect((await reportOn(bobsTablet, auditId)).history).toHaveLength(2);
		expect((await reportOn(bobsTablet, auditId)).nextSteps[0]).toMatchObject({
			text: 'Share the values in assembly and class',
			status: 'in-progress'
		});
	});

	it('keeps every finding already saved when the tablet restarts after a refused batch', async () => {
		const { annsTablet, auditId } = await sharedAudit();
		const d = device(annsTablet);
		await addFinding(
			d,
			auditId,
			{ componentId: C, kind: 'strength', text: 'Kept', evidence: [], position: 0 },
			server.now
		);
		expect(
			await addFinding(
				d,
				auditId,
				{ componentId: C, kind: 'strength', text: '  ', evidence: [], position: 1 },
				server.now
			)
		).toEqual({ ok: false, errors: { text: 'Write the words of it' } });
		annsTablet.restart();
		const report = await reportOn(annsTablet, auditId);
		expect(report.strengths.map((f) => f.text)).toEqual(['Kept']);
		expect(await annsTablet.sync()).toMatchObject({ ok: true });
		expect(await annsTablet.db.quarantine.count()).toBe(0);
	});
});
