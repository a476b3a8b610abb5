import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import { addMember, removeMember } from '../../src/lib/client/members';
import { auditOnDevice } from '../../src/lib/client/queries';
import { setAuditStage, setStepDone, stepTicksOf } from '../../src/lib/client/stages';
import type { User } from '../../src/lib/domain/user';
import { stepState } from '../../src/lib/framework/stages';
import { auditFields, schoolFields } from '../helpers/changes';
import { newRecordId, SimDevice, twoAdvisors, type SimServer } from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const MINUTE = 60_000;
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

const device = (tablet: SimDevice): Device => ({
	db: tablet.db,
	clientId: tablet.clientId,
	userId: tablet.user.id
});

/** Ann's audit with `members`, written on her tablet and synced. */
async function annsAudit(tablet: SimDevice, members = [ann.id]) {
	const schoolId = newRecordId();
	const auditId = newRecordId();
	await tablet.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields() });
	await tablet.write({
		type: 'audit',
		id: auditId,
		scope: auditId,
		fields: auditFields(schoolId, ann.id, members)
	});
	expect(await tablet.sync()).toMatchObject({ ok: true });
	return auditId;
}

async function tick(tablet: SimDevice, auditId: string, stepId: string, done: boolean) {
	expect(await setStepDone(device(tablet), auditId, stepId, done, tablet.now())).toEqual({
		ok: true,
		id: stepId
	});
}

const stateOn = async (tablet: SimDevice, auditId: string, stepId: string) =>
	stepState(await stepTicksOf(tablet.db, auditId), stepId);

describe('ticking the steps of the stages on the tablet', () => {
	it('keeps ticks made at once on two tablets, and one untick clears both in one transaction', async () => {
		const annsTablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const auditId = await annsAudit(annsTablet, [ann.id, bob.id]);
		const bobsTablet = new SimDevice('bob-tablet', 'b000000000000001', bob, server);
		expect(await bobsTablet.sync()).toMatchObject({ ok: true });

		// Both offline, both tick step 2.1; Bob a minute first.
		await tick(bobsTablet, auditId, 's2-1', true);
		server.now += MINUTE;
		await tick(annsTablet, auditId, 's2-1', true);
		expect(await stateOn(annsTablet, auditId, 's2-1')).toMatchObject({ done: true, by: ann.id });
		for (const tablet of [annsTablet, bobsTablet, annsTablet]) await tablet.sync();
		for (const tablet of [annsTablet, bobsTablet]) {
			expect(await stepTicksOf(tablet.db, auditId)).toHaveLength(2);
			expect(await stateOn(tablet, auditId, 's2-1')).toMatchObject({ done: true, by: bob.id });
		}

		server.now += MINUTE;
		await tick(annsTablet, auditId, 's2-1', false);
		const outbox = await annsTablet.db.outbox.toArray();
		expect(outbox.map((e) => e.change.fields)).toEqual([
			{ done: false, by: ann.id, at: new Date(server.now).toISOString() },
			{ done: false, by: ann.id, at: new Date(server.now).toISOString() }
		]);
		await annsTablet.sync();
		await bobsTablet.sync();
		expect(await stateOn(bobsTablet, auditId, 's2-1')).toEqual({
			done: false,
			by: null,
			at: null
		});
	});

	it('keeps a tick made on a tablet that had not seen the untick racing it', async () => {
		const annsTablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const annsPhone = new SimDevice('ann-phone', 'a000000000000002', ann, server);
		const auditId = await annsAudit(annsTablet, [ann.id, bob.id]);
		await annsPhone.sync(); // then offline for the rest of the morning
		await tick(annsTablet, auditId, 's3-1', true);
		await annsTablet.sync();
		const bobsTablet = new SimDevice('bob-tablet', 'b000000000000001', bob, server);
		await bobsTablet.sync();

		server.now += MINUTE;
		await tick(bobsTablet, auditId, 's3-1', false);
		server.now += MINUTE;
		await tick(annsPhone, auditId, 's3-1', true);
		for (const tablet of [bobsTablet, annsPhone, annsTablet, bobsTablet]) await tablet.sync();
		for (const tablet of [annsTablet, annsPhone, bobsTablet]) {
			expect(await stateOn(tablet, auditId, 's3-1')).toEqual({
				done: true,
				by: ann.id,
				at: new Date(server.now).toISOString()
			});
		}
	});

	it('writes nothing when the step is already as asked', async () => {
		const tablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const auditId = await annsAudit(tablet);
		await tick(tablet, auditId, 's1-1', false);
		await tick(tablet, auditId, 's1-1', true);
		await tick(tablet, auditId, 's1-1', true);
		expect(await tablet.db.outbox.count()).toBe(1);
	});
});

describe('the stage and the members of an audit', () => {
	it('moves the stage on, and refuses a stage that is not 1 to 5', async () => {
		const tablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const auditId = await annsAudit(tablet);
		expect(await setAuditStage(device(tablet), auditId, 3)).toMatchObject({ ok: true });
		expect((await auditOnDevice(tablet.db, auditId))?.stage).toBe(3);
		expect(await setAuditStage(device(tablet), auditId, 6)).toEqual({
			ok: false,
			errors: { stage: 'A stage is 1 to 5' }
		});
		expect((await auditOnDevice(tablet.db, auditId))?.stage).toBe(3);
	});

	it('adds a member who receives the audit at their next sync, and removes them again', async () => {
		const annsTablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const bobsTablet = new SimDevice('bob-tablet', 'b000000000000001', bob, server);
		const auditId = await annsAudit(annsTablet);
		await bobsTablet.sync();
		expect(await auditOnDevice(bobsTablet.db, auditId)).toBeNull();

		expect(await addMember(device(annsTablet), auditId, bob.id)).toMatchObject({ ok: true });
		expect(await addMember(device(annsTablet), auditId, bob.id)).toEqual({
			ok: false,
			errors: { member: 'Already a member' }
		});
		await annsTablet.sync();
		await bobsTablet.sync();
		expect((await auditOnDevice(bobsTablet.db, auditId))?.members).toEqual([ann.id, bob.id]);

		expect(await removeMember(device(annsTablet), auditId, ann.id)).toEqual({
			ok: false,
			errors: { member: 'The lead stays a member' }
		});
		expect(await removeMember(device(annsTablet), auditId, bob.id)).toMatchObject({ ok: true });
		expect((await auditOnDevice(annsTablet.db, auditId))?.members).toEqual([ann.id]);
		await annsTablet.sync();
		await bobsTablet.sync();
		expect(await auditOnDevice(bobsTablet.db, auditId)).toBeNull();
	});

	it('a member who is not the lead cannot change the members: the server refuses it', async () => {
		const annsTablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
		const auditId = await annsAudit(annsTablet, [ann.id, bob.id]);
		const bobsTablet = new SimDevice('bob-tablet', 'b000000000000001', bob, server);
		await bobsTablet.sync();
		expect(await removeMember(device(bobsTablet), auditId, bob.id)).toMatchObject({ ok: true });
		await bobsTablet.sync();
		const [refused] = await bobsTablet.db.quarantine.toArray();
		expect(refused?.reason).toBe('forbidden');
		await annsTablet.sync();
		expect((await auditOnDevice(annsTablet.db, auditId))?.members).toEqual([ann.id, bob.id]);
	});
});
