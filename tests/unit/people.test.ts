import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedPeople, forgetPeople, personName, refreshPeople } from '../../src/lib/client/people';
import type { Person } from '../../src/lib/domain/person';
import { listPeople } from '../../src/lib/server/people';
import { createUser, setUserDisabled } from '../../src/lib/server/users';
import { newRecordId } from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';

const me = newRecordId();
const ann: Person = { id: newRecordId(), name: 'Ann Advisor', role: 'advisor' };
const vic: Person = { id: newRecordId(), name: 'Vic Viewer', role: 'viewer' };

const answering =
	(status: number, body: unknown): typeof fetch =>
	async () =>
		new Response(JSON.stringify(body), { status });
const offline: typeof fetch = async () => {
	throw new TypeError('Failed to fetch');
};

describe('the people directory on the device', () => {
	const keyval = () => createStore(`keyval-${newRecordId()}`, 'kv');

	it('keeps what the server answered, per user, and falls back to it offline', async () => {
		const store = keyval();
		expect(await refreshPeople(me, offline, store)).toBeNull();
		expect(await refreshPeople(me, answering(200, { people: [ann, vic] }), store)).toEqual([
			ann,
			vic
		]);
		expect(await refreshPeople(me, offline, store)).toEqual([ann, vic]);
		expect(await refreshPeople(me, answering(401, { error: 'unauthenticated' }), store)).toEqual([
			ann,
			vic
		]);
		expect(await cachedPeople(newRecordId(), store)).toBeNull();
		await forgetPeople(me, store);
		expect(await cachedPeople(me, store)).toBeNull();
	});

	it('ignores an answer that is not a list of people', async () => {
		const store = keyval();
		await refreshPeople(me, answering(200, { people: [ann] }), store);
		expect(await refreshPeople(me, answering(200, { people: [{ id: 'x' }] }), store)).toEqual([
			ann
		]);
	});

	it('names "you", a known person, or "another member"', () => {
		expect(personName([ann], me, me)).toBe('you');
		expect(personName([ann], ann.id, me)).toBe('Ann Advisor');
		expect(personName([ann], vic.id, me)).toBe('another member');
	});
});

describe('listPeople on the server', () => {
	let store: Awaited<ReturnType<typeof tempDatabase>>;
	beforeEach(async () => (store = await tempDatabase()));
	afterEach(() => store.close());

	it('lists active accounts by name with no e-mail, and leaves disabled ones out', async () => {
		const password = 'a long enough password';
		const zed = await createUser(store.db, {
			email: 'zed@x.org',
			name: 'Zed',
			password,
			role: 'viewer'
		});
		const amy = await createUser(store.db, {
			email: 'amy@x.org',
			name: 'Amy',
			password,
			role: 'advisor'
		});
		const gone = await createUser(store.db, {
			email: 'gone@x.org',
			name: 'Gone',
			password,
			role: 'advisor'
		});
		await setUserDisabled(store.db, gone.id, true);
		expect(await listPeople(store.db)).toEqual([
			{ id: amy.id, name: 'Amy', role: 'advisor' },
			{ id: zed.id, name: 'Zed', role: 'viewer' }
		]);
	});
});
