import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { expect } from 'vitest';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import { newDataKey } from '../../src/lib/client/db/sealed';
import { createAudit, createSchool, planActivity } from '../../src/lib/client/records';
import type { ActivityKind } from '../../src/lib/domain/activity-kind';
import { pushChanges } from '../../src/lib/server/sync/push';
import type { User } from '../../src/lib/domain/user';
import { createUser } from '../../src/lib/server/users';
import { newRecordId } from './sim';
import { tempDatabase } from './temp-db';

/**
 * A device on a fresh IndexedDB of its own (nothing one test writes is seen by the next),
 * unlocked with a data key of its own, so every test of the device store runs sealed.
 */
export async function freshDevice(userId: string = newRecordId()): Promise<Device> {
	const keyval = createStore(`keyval-${newRecordId()}`, 'kv');
	const device = await openDevice(userId, { indexedDB: new IDBFactory(), IDBKeyRange }, keyval);
	device.db.vault.use(await newDataKey());
	return device;
}

/** Ann, an advisor on a server database of its own, with a fresh device: the screens' writes. */
export async function advisorWithDevice() {
	const store = await tempDatabase();
	const password = 'a long enough password';
	const ann: User = await createUser(store.db, {
		email: 'ann@x.org',
		name: 'Ann',
		password,
		role: 'advisor'
	});
	const device = await freshDevice(ann.id);
	return {
		store,
		ann,
		device,
		/** Pushes the device's whole outbox as one batch: the server must take all of it. */
		async serverAcceptsOutbox() {
			const changes = (await device.db.outbox.orderBy('seq').toArray()).map((e) => e.change);
			const answer = await pushChanges(store.db, ann, {
				protocol: 1,
				clientId: device.clientId,
				changes
			});
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ lastProcessedSeq: changes.length, quarantined: [] });
		},
		async close() {
			device.db.close();
			await store.close();
		}
	};
}

/** A school, an audit of one component and one planned activity, written as the screens do. */
export async function auditWithActivity(
	device: Device,
	activity: {
		componentId: string;
		promptId: string | null;
		kind: ActivityKind;
		title: string;
		location?: string;
	}
): Promise<{ auditId: string; activityId: string }> {
	const school = await createSchool(device, {
		name: 'Drayton Park Primary',
		urn: '100000',
		phase: 'primary',
		localAuthority: 'Islington'
	});
	if (!school.ok) throw new Error('school refused');
	const audit = await createAudit(device, {
		schoolId: school.id,
		title: 'Autumn audit',
		componentIds: [activity.componentId]
	});
	if (!audit.ok) throw new Error('audit refused');
	const planned = await planActivity(device, {
		auditId: audit.id,
		plannedStart: '',
		location: '',
		...activity
	});
	if (!planned.ok) throw new Error('activity refused');
	return { auditId: audit.id, activityId: planned.id };
}
