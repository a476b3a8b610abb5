import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { RecordType } from '../../../src/lib/domain/record-type';
import { FieldbookDatabase } from '../../../src/lib/client/db/database';
import { storePhoto } from '../../../src/lib/client/db/photos';
import { getMeta } from '../../../src/lib/client/db/meta';
import { writeRecord } from '../../../src/lib/client/db/write';
import { syncOnce } from '../../../src/lib/client/sync/engine';
import { httpTransport } from '../../../src/lib/client/sync/http-transport';
import { newId, observationFields } from '../../helpers/changes';
import { ApiClient } from '../../helpers/server';
import { unlockedVault } from '../../helpers/vault';

interface Person {
	id: string;
	email: string;
	password: string;
}

/** A small seeded generator, so a failing run can be repeated request for request. */
export function seeded(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * One installation of the app, with the real device store (fake-indexeddb), the real sync
 * engine and its HTTP transport; `server()` says where each request goes.
 */
export class Tablet {
	readonly db: FieldbookDatabase;
	/** How many changes each pull answered with, in order. */
	readonly pulled: number[] = [];
	#cookie = '';

	private constructor(
		readonly name: string,
		readonly clientId: string,
		readonly person: Person,
		readonly server: () => string
	) {
		// Unlocked, as after the passphrase: the device store seals every row (issue 13).
		this.db = new FieldbookDatabase(
			`fieldbook-${name}`,
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			unlockedVault()
		);
	}

	/** Signs in on one server; the session then works on whichever `server()` names. */
	static async signIn(
		name: string,
		clientId: string,
		person: Person,
		signInOn: () => string,
		server: () => string
	) {
		const tablet = new Tablet(name, clientId, person, server);
		const client = new ApiClient(signInOn());
		const answer = await client.login(person.email, person.password);
		if (answer.status !== 200) throw new Error(`${name} could not sign in: ${answer.status}`);
		tablet.#cookie = client.cookie;
		return tablet;
	}

	write(type: RecordType, id: string, scope: string, fields: Record<string, unknown>) {
		return writeRecord(this.db, this.clientId, this.person.id, { type, id, scope, fields });
	}

	note(auditId: string, id: string, text: string, photoHashes: string[] = []) {
		return this.write('observation', id, auditId, {
			...observationFields(auditId, text),
			photoHashes
		});
	}

	/** A photo-only note with a small JPEG-marked photo of its own. */
	async photo(auditId: string, label: string) {
		const body = new TextEncoder().encode(`${label} ${'pixels '.repeat(200)}`);
		const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...body, 0xff, 0xd9]);
		const hash = await storePhoto(this.db, bytes.buffer, 'image/jpeg');
		await this.note(auditId, newId(), '', [hash]);
	}

	sync() {
		const cookie = this.#cookie;
		const viaAnyServer: typeof fetch = async (path, init) => {
			const response = await fetch(`${this.server()}${String(path)}`, {
				...init,
				headers: { ...(init?.headers as Record<string, string>), cookie }
			});
			if (String(path).startsWith('/api/sync/pull') && response.ok)
				this.pulled.push(
					((await response.clone().json()) as { changes: unknown[] }).changes.length
				);
			return response;
		};
		return syncOnce(this.db, httpTransport('', viaAnyServer), this.clientId);
	}

	/** Every record's values, by id: what the person sees. */
	async recordValues() {
		const all = await this.db.records.toArray();
		return Object.fromEntries(
			all.sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r.values])
		);
	}

	async photoHashes() {
		return (await this.db.photos.toArray()).map((p) => p.hash).sort();
	}

	waiting() {
		return this.db.outbox.count();
	}

	recordCount() {
		return this.db.records.count();
	}

	/** The last seq this device gave a change. */
	get lastSeq(): Promise<number> {
		return getMeta(this.db, 'nextSeq').then((next) => next - 1);
	}
}

/** The whole change log a person may read, every page, from one server. */
export async function pullLog(person: Person, server: () => string) {
	const client = new ApiClient(server());
	await client.login(person.email, person.password);
	const all: { clientId: string; seq: number; serverSeq: number }[] = [];
	let cursor = '';
	for (;;) {
		const page = await client.call(
			'GET',
			`/api/sync/pull?limit=1000${cursor ? `&since=${cursor}` : ''}`
		);
		all.push(...page.body.changes);
		cursor = page.body.cursor;
		if (!page.body.more) return all;
	}
}
