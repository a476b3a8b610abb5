import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLogin } from '../../src/lib/server/auth/login';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { loginLimits, loginRetryAfter } from '../../src/lib/server/auth/rate-limit';
import {
	createSession,
	validateSession,
	type SessionLifetimes
} from '../../src/lib/server/auth/sessions';
import type { DB } from '../../src/lib/server/db';
import { createUser, setUserDisabled } from '../../src/lib/server/users';
import { tempDatabase } from '../helpers/temp-db';

const HOUR = 3_600_000;
const life: SessionLifetimes = { idleMs: 12 * HOUR, maxMs: 7 * 24 * HOUR };
const password = 'correct horse battery';

let db: DB;
let close: () => Promise<void>;
beforeEach(async () => {
	({ db, close } = await tempDatabase());
});
afterEach(() => close());

describe('password hashing', () => {
	it('stores an Argon2id hash that verifies only the right password', async () => {
		const hash = await hashPassword(password);
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(hash).not.toContain(password);
		expect(await verifyPassword(hash, password)).toBe(true);
		expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
		expect(await verifyPassword('not a hash', password)).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword(password)).not.toBe(await hashPassword(password));
	});
});

describe('sessions', () => {
	it('find the user of a fresh session and never store the token itself', async () => {
		const user = await createUser(db, { email: 'a@x.org', name: 'A', password, role: 'advisor' });
		const { token } = await createSession(db, user.id, life, 1_000);
		expect((await validateSession(db, token, life, 2_000))?.user).toEqual(user);
		const stored = await db.selectFrom('sessions').selectAll().execute();
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).not.toContain(token);
		expect(await validateSession(db, token + 'x', life, 2_000)).toBeNull();
	});

	it('end after the idle lifetime, and a request keeps one alive', async () => {
		const user = await createUser(db, { email: 'b@x.org', name: 'B', password, role: 'advisor' });
		const { token } = await createSession(db, user.id, life, 0);
		// Eleven hours later it is still valid, and that request counts as activity…
		expect(await validateSession(db, token, life, 11 * HOUR)).not.toBeNull();
		// …so eleven more hours later it is still valid…
		expect(await validateSession(db, token, life, 22 * HOUR)).not.toBeNull();
		// …but twelve idle hours after that it is gone for good.
		expect(await validateSession(db, token, life, 34 * HOUR)).toBeNull();
		expect(await validateSession(db, token, life, 34 * HOUR + 1)).toBeNull();
	});

	it('end at the absolute lifetime however active', async () => {
		const user = await createUser(db, { email: 'c@x.org', name: 'C', password, role: 'advisor' });
		const { token } = await createSession(db, user.id, life, 0);
		for (let t = HOUR; t < life.maxMs; t += 10 * HOUR) {
			expect(await validateSession(db, token, life, t)).not.toBeNull();
		}
		expect(await validateSession(db, token, life, life.maxMs)).toBeNull();
	});

	it('all end when the user is disabled', async () => {
		const user = await createUser(db, { email: 'd@x.org', name: 'D', password, role: 'advisor' });
		const one = await createSession(db, user.id, life, 0);
		const two = await createSession(db, user.id, life, 0);
		expect(await setUserDisabled(db, user.id, true, 10)).toBe(true);
		expect(await validateSession(db, one.token, life, 20)).toBeNull();
		expect(await validateSession(db, two.token, life, 20)).toBeNull();
		expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
		const login = await checkLogin(db, { email: 'd@x.org', password }, '10.0.0.1', 30);
		expect(login).toEqual({ ok: false, reason: 'account-disabled' });
	});
});

describe('login rate limit', () => {
	it('refuses the 11th quick wrong try for an account, even with the right password', async () => {
		await createUser(db, { email: 'e@x.org', name: 'E', password, role: 'advisor' });
		const t0 = 1_000_000;
		for (let i = 0; i < 10; i++) {
			const r = await checkLogin(db, { email: 'e@x.org', password: 'wrong' }, '10.0.0.2', t0 + i);
			expect(r).toEqual({ ok: false, reason: 'invalid-credentials' });
		}
		const blocked = await checkLogin(db, { email: 'e@x.org', password }, '10.0.0.3', t0 + 20);
		expect(blocked.ok).toBe(false);
		expect(blocked).toMatchObject({ reason: 'too-many-attempts' });
		if (!blocked.ok && blocked.reason === 'too-many-attempts') {
			expect(blocked.retryAfter).toBeGreaterThan(0);
			expect(blocked.retryAfter).toBeLessThanOrEqual(loginLimits.windowMs / 1000);
		}
		// Once the window has passed the right password works again.
		const later = await checkLogin(
			db,
			{ email: 'e@x.org', password },
			'10.0.0.3',
			t0 + loginLimits.windowMs + 10
		);
		expect(later.ok).toBe(true);
	});

	it('counts unknown accounts too, so the limit does not reveal which e-mails exist', async () => {
		for (let i = 0; i < 10; i++) {
			await checkLogin(db, { email: 'nobody@x.org', password: 'x' }, '10.0.0.4', 5_000 + i);
		}
		expect(
			await loginRetryAfter(db, { account: 'nobody@x.org', ip: '10.0.0.9' }, 5_100)
		).toBeGreaterThan(0);
	});

	// Each refused sign-in still hashes (so timing says nothing): a hang guard, not a speed check.
	it('limits one address across many accounts', { timeout: 60_000 }, async () => {
		for (let i = 0; i < loginLimits.perIp; i++) {
			await checkLogin(db, { email: `u${i}@x.org`, password: 'x' }, '10.0.0.5', 9_000 + i);
		}
		const r = await checkLogin(db, { email: 'fresh@x.org', password: 'x' }, '10.0.0.5', 9_500);
		expect(r).toMatchObject({ ok: false, reason: 'too-many-attempts' });
		const other = await checkLogin(db, { email: 'fresh@x.org', password: 'x' }, '10.0.0.6', 9_500);
		expect(other).toEqual({ ok: false, reason: 'invalid-credentials' });
	});

	it('a correct password clears the account count', async () => {
		await createUser(db, { email: 'f@x.org', name: 'F', password, role: 'advisor' });
		for (let i = 0; i < 9; i++) {
			await checkLogin(db, { email: 'f@x.org', password: 'wrong' }, '10.0.0.7', 100 + i);
		}
		expect((await checkLogin(db, { email: 'f@x.org', password }, '10.0.0.7', 200)).ok).toBe(true);
		for (let i = 0; i < 9; i++) {
			await checkLogin(db, { email: 'f@x.org', password: 'wrong' }, '10.0.0.7', 300 + i);
		}
		expect((await checkLogin(db, { email: 'f@x.org', password }, '10.0.0.7', 400)).ok).toBe(true);
	});
});
