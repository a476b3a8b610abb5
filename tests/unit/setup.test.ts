import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DB } from '../../src/lib/server/db';
import { bootstrapFirstAdmin, completeSetup, setupTokenValid } from '../../src/lib/server/setup';
import { listUsers } from '../../src/lib/server/users';
import { tempDatabase } from '../helpers/temp-db';

let db: DB;
let close: () => Promise<void>;
beforeEach(async () => {
	({ db, close } = await tempDatabase());
});
afterEach(() => close());

const config = (env: Record<string, string> = {}) => readConfig({ PORT: '3000', ...env });
const admin = { email: 'ada@x.org', name: 'Ada', password: 'correct horse battery' };

function tokenOf(url: string) {
	return new URL(url).hash.replace('#token=', '');
}

describe('first admin', () => {
	it('is created from FIELDBOOK_ADMIN_EMAIL and FIELDBOOK_ADMIN_PASSWORD, once', async () => {
		const env = { FIELDBOOK_ADMIN_EMAIL: 'Root@X.org', FIELDBOOK_ADMIN_PASSWORD: admin.password };
		expect(await bootstrapFirstAdmin(db, config(env))).toEqual({
			kind: 'admin-created',
			email: 'root@x.org'
		});
		expect(await bootstrapFirstAdmin(db, config(env))).toEqual({ kind: 'ready' });
		const users = await listUsers(db);
		expect(users.map((u) => [u.email, u.role])).toEqual([['root@x.org', 'admin']]);
	});

	it('refuses to start with an unusable admin password', async () => {
		const env = { FIELDBOOK_ADMIN_EMAIL: 'root@x.org', FIELDBOOK_ADMIN_PASSWORD: 'short' };
		await expect(bootstrapFirstAdmin(db, config(env))).rejects.toThrow(/password/);
		expect(await listUsers(db)).toEqual([]);
	});

	it('otherwise gets a one-time setup link that works once', async () => {
		const boot = await bootstrapFirstAdmin(db, config());
		expect(boot.kind).toBe('setup-link');
		if (boot.kind !== 'setup-link') return;
		expect(boot.url).toMatch(/^http:\/\/localhost:3000\/setup#token=[\w-]{43}$/);
		const token = tokenOf(boot.url);
		expect(await setupTokenValid(db, token)).toBe(true);
		expect((await completeSetup(db, token, admin))?.role).toBe('admin');
		expect(await setupTokenValid(db, token)).toBe(false);
		expect(await completeSetup(db, token, { ...admin, email: 'eve@x.org' })).toBeNull();
		expect((await listUsers(db)).map((u) => u.email)).toEqual(['ada@x.org']);
	});

	it('a restart replaces an unused link', async () => {
		const first = await bootstrapFirstAdmin(db, config());
		const second = await bootstrapFirstAdmin(db, config());
		if (first.kind !== 'setup-link' || second.kind !== 'setup-link') throw new Error('no link');
		expect(await setupTokenValid(db, tokenOf(first.url))).toBe(false);
		expect(await completeSetup(db, tokenOf(first.url), admin)).toBeNull();
		expect(await completeSetup(db, tokenOf(second.url), admin)).not.toBeNull();
	});
});
