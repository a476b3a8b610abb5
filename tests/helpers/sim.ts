import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { newDataKey } from '../../src/lib/client/db/sealed';
import { Vault } from '../../src/lib/client/db/vault';
import { writeRecord, type Patch } from '../../src/lib/client/db/write';
import { syncOnce, type SyncTransport } from '../../src/lib/client/sync/engine';
import type { User } from '../../src/lib/domain/user';
import type { DB } from '../../src/lib/server/db';
import { readBlob, storeBlob } from '../../src/lib/server/sync/blobs';
import { pullChanges } from '../../src/lib/server/sync/pull';
import { pushChanges } from '../../src/lib/server/sync/push';
import { createUser } from '../../src/lib/server/users';
import type { PushEnvelope } from '../../src/lib/sync/protocol';
import { auditFields, observationFields, schoolFields } from './changes';
import { tempDatabase } from './temp-db';

const simKey = await newDataKey();

export type Fault = 'ok' | 'drop' | 'lose-reply' | 'duplicate';

/** One installation of the app: its own IndexedDB, clientId, user and (possibly wrong) clock. */
export class SimDevice {
	db: FieldbookDatabase;
	skewMs = 0;
	sent: PushEnvelope[] = [];
	faults: Fault[] = [];
	readonly #factory = new IDBFactory();
	/** Unlocked, as after the passphrase: every write is sealed, every read opened. */
	readonly #vault = new Vault();

	constructor(
		readonly name: string,
		readonly clientId: string,
		readonly user: User,
		readonly server: SimServer
	) {
		this.#vault.use(simKey);
		this.db = this.#open();
	}

	#open() {
		return new FieldbookDatabase(
			`fieldbook-${this.name}`,
			{ indexedDB: this.#factory, IDBKeyRange },
			this.#vault
		);
	}

	now() {
		return this.server.now + this.skewMs;
	}

	write(patch: Patch) {
		return writeRecord(this.db, this.clientId, this.user.id, patch, this.now());
	}

	/** The app closed and opened again: only what IndexedDB holds survives. */
	restart() {
		this.db.close();
		this.db = this.#open();
	}

	#nextFault(): Fault {
		return this.faults.shift() ?? 'ok';
	}

	/** The network between this device and the real server handlers, with faults on demand. */
	transport(): SyncTransport {
		const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
		const call = async <T>(run: () => Promise<T>): Promise<T> => {
			const fault = this.#nextFault();
			if (fault === 'drop') throw new Error('network: request dropped');
			const answer = await run();
			if (fault === 'lose-reply') throw new Error('network: reply lost');
			return fault === 'duplicate' ? run() : answer;
		};
		return {
			push: (body) =>
				call(async () => {
					this.sent.push(wire(body));
					const outcome = await pushChanges(this.server.db, this.user, wire(body), this.server.now);
					return { status: outcome.status, body: wire(outcome.body) };
				}),
			pull: (since, limit) =>
				call(async () => ({
					status: 200,
					body: wire(await pullChanges(this.server.db, this.user, since, limit))
				})),
			putBlob: (hash, type, bytes) =>
				call(async () => {
					const bytesIn = new Uint8Array(bytes.slice(0));
					const outcome = await storeBlob(this.server.db, this.user, hash, type, bytesIn);
					return { status: outcome === 'created' ? 201 : outcome === 'exists' ? 200 : 400 };
				}),
			getBlob: (hash) =>
				call(async () => {
					const blob = await readBlob(this.server.db, this.user, hash);
					if (!blob.found) return { status: 404 };
					const bytes = new Uint8Array(blob.bytes).slice().buffer;
					return { status: 200, bytes, type: blob.contentType };
				})
		};
	}

	/** One sync; a network failure leaves everything waiting, as in the app. */
	async sync() {
		try {
			return await syncOnce(this.db, this.transport(), this.clientId, () => this.now());
		} catch {
			return null;
		}
	}

	/** An old push body arriving again, late: a duplicated and reordered request. */
	async replay(pick: number) {
		const body = this.sent[pick % Math.max(1, this.sent.length)];
		if (body) await pushChanges(this.server.db, this.user, body, this.server.now);
	}
}

export interface SimServer {
	db: DB;
	now: number;
}

export const newRecordId = () => uuidv7();

/**
 * A school and an audit that `lead` leads with `members`, and one observation saying `note`
 * (none when null), written on `device` (not synced).
 */
export async function writeAuditWithNote(
	device: SimDevice,
	lead: string,
	members: string[] = [lead],
	note: string | null = 'Calm dining hall'
) {
	const schoolId = newRecordId();
	const auditId = newRecordId();
	const noteId = newRecordId();
	await device.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields() });
	await device.write({
		type: 'audit',
		id: auditId,
		scope: auditId,
		fields: auditFields(schoolId, lead, members)
	});
	if (note !== null)
		await device.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: observationFields(newRecordId(), note)
		});
	return { schoolId, auditId, noteId };
}

/** A real SQLite server store at `now`, with two advisors, Ann and Bob. `store.close()` removes it. */
export async function twoAdvisors(now: number) {
	const store = await tempDatabase();
	const server: SimServer = { db: store.db, now };
	const password = 'a long enough password';
	const ann = await createUser(store.db, {
		email: 'ann@x.org',
		name: 'Ann',
		password,
		role: 'advisor'
	});
	const bob = await createUser(store.db, {
		email: 'bob@x.org',
		name: 'Bob',
		password,
		role: 'advisor'
	});
	return { store, server, ann, bob };
}
