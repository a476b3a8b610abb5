import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

async function signedInAdmin() {
	const admin = new ApiClient(server.url);
	expect((await admin.login(testAdmin.email, testAdmin.password)).status).toBe(200);
	return admin;
}

async function newAccount(role: 'admin' | 'advisor' | 'viewer', email: string) {
	const admin = await signedInAdmin();
	const password = 'a long enough password';
	const created = await admin.call('POST', '/api/admin/users', {
		email,
		name: email,
		password,
		role
	});
	expect(created.status).toBe(201);
	const client = new ApiClient(server.url);
	expect((await client.login(email, password)).status).toBe(200);
	return { client, password, user: created.body.user };
}

describe('GET /api/health', () => {
	it('answers ok with the version, signed in or not', async () => {
		const res = await new ApiClient(server.url).call('GET', '/api/health');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
	});
});

describe('POST /api/auth/login', () => {
	it('signs in with the first admin from the environment and sets a strict HttpOnly cookie', async () => {
		const client = new ApiClient(server.url);
		const res = await client.login(testAdmin.email, testAdmin.password);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			user: {
				id: expect.any(String),
				email: testAdmin.email,
				name: expect.any(String),
				role: 'admin'
			}
		});
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^fieldbook_session=/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Strict/i);
		expect(cookie).not.toContain(testAdmin.password);
	});

	it('answers 401 for a wrong password and for an unknown account, alike', async () => {
		const wrong = await new ApiClient(server.url).login(testAdmin.email, 'not the password');
		const unknown = await new ApiClient(server.url).login('nobody@fieldbook.test', 'whatever');
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.body.message).toBe(unknown.body.message);
		expect(wrong.headers.get('set-cookie')).toBeNull();
	});

	it('answers 429 with retry-after to the 11th quick wrong try', async () => {
		const { password } = await newAccount('advisor', 'target@fieldbook.test');
		const attacker = new ApiClient(server.url);
		for (let i = 1; i <= 10; i++) {
			expect((await attacker.login('target@fieldbook.test', `guess ${i}`)).status).toBe(401);
		}
		const eleventh = await attacker.login('target@fieldbook.test', 'guess 11');
		expect(eleventh.status).toBe(429);
		expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(eleventh.body.error).toBe('too-many-attempts');
		// The account is locked for now, even with its real password.
		expect((await attacker.login('target@fieldbook.test', password)).status).toBe(429);
	});

	it('answers 400 naming the field for a malformed body, and 415 for a form post', async () => {
		const client = new ApiClient(server.url);
		const bad = await client.call('POST', '/api/auth/login', { email: 'not-an-email' });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.fields).sort()).toEqual(['email', 'password']);
		const notJson = await client.call('POST', '/api/auth/login', '{"email":', {});
		expect(notJson.status).toBe(400);
		// A form post is refused by SvelteKit's own CSRF check before it reaches the endpoint…
		const form = await client.call('POST', '/api/auth/login', 'email=a&password=b', {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(form.status).toBe(403);
		// …and any other body that is not JSON by Fieldbook's guard.
		const xml = await client.call('POST', '/api/auth/login', '<login/>', {
			'content-type': 'application/xml'
		});
		expect(xml.status).toBe(415);
	});
});

describe('GET /api/auth/me and POST /api/auth/logout', () => {
	it('know the signed-in user until logout ends the session', async () => {
		const client = await signedInAdmin();
		const me = await client.call('GET', '/api/auth/me');
		expect(me.status).toBe(200);
		expect(me.body.user.email).toBe(testAdmin.email);
		const sessionCookie = client.cookie;
		const out = await client.call('POST', '/api/auth/logout');
		expect(out.status).toBe(204);
		expect((await client.call('GET', '/api/auth/me')).status).toBe(401);
		// The old cookie, replayed, no longer works: the session is gone on the server.
		client.cookie = sessionCookie;
		expect((await client.call('GET', '/api/auth/me')).status).toBe(401);
	});

	it('answer 401 without a session', async () => {
		expect((await new ApiClient(server.url).call('GET', '/api/auth/me')).status).toBe(401);
	});
});

describe('POST /api/admin/users', () => {
	it('creates accounts for an admin, 201 with the public user only', async () => {
		const admin = await signedInAdmin();
		const res = await admin.call('POST', '/api/admin/users', {
			email: 'New.Advisor@fieldbook.test',
			name: 'New Advisor',
			password: 'a long enough password',
			role: 'advisor'
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			user: {
				id: expect.any(String),
				email: 'new.advisor@fieldbook.test',
				name: 'New Advisor',
				role: 'advisor'
			}
		});
	});

	it('answers 409 for an e-mail already taken, in any letter case', async () => {
		const admin = await signedInAdmin();
		const res = await admin.call('POST', '/api/admin/users', {
			email: testAdmin.email.toUpperCase(),
			name: 'Copy',
			password: 'a long enough password',
			role: 'viewer'
		});
		expect(res.status).toBe(409);
	});

	it('answers 400 naming each bad field', async () => {
		const admin = await signedInAdmin();
		const res = await admin.call('POST', '/api/admin/users', {
			email: 'x@fieldbook.test',
			name: 'X',
			password: 'short',
			role: 'superuser'
		});
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.fields).sort()).toEqual(['password', 'role']);
	});

	it('answers 403 to an advisor and a viewer, 401 to nobody', async () => {
		const body = {
			email: 'sneaky@fieldbook.test',
			name: 'S',
			password: 'a long enough password',
			role: 'admin'
		};
		for (const role of ['advisor', 'viewer'] as const) {
			const { client } = await newAccount(role, `${role}-403@fieldbook.test`);
			expect((await client.call('POST', '/api/admin/users', body)).status).toBe(403);
			expect((await client.call('GET', '/api/admin/users')).status).toBe(403);
		}
		expect((await new ApiClient(server.url).call('POST', '/api/admin/users', body)).status).toBe(
			401
		);
	});

	it('refuses a cross-origin POST with 403, even with a valid session', async () => {
		const admin = await signedInAdmin();
		const body = {
			email: 'csrf@fieldbook.test',
			name: 'C',
			password: 'a long enough password',
			role: 'admin'
		};
		const byOrigin = await admin.call('POST', '/api/admin/users', body, {
			origin: 'https://evil.example'
		});
		expect(byOrigin.status).toBe(403);
		expect(byOrigin.body.error).toBe('cross-origin');
		const bySite = await admin.call('POST', '/api/admin/users', body, {
			'sec-fetch-site': 'cross-site'
		});
		expect(bySite.status).toBe(403);
		const sameOrigin = await admin.call('POST', '/api/admin/users', body, { origin: server.url });
		expect(sameOrigin.status).toBe(201);
	});
});

describe('disabling an account', () => {
	it('ends its sessions at once and stops it signing in', async () => {
		const { client, password, user } = await newAccount('advisor', 'leaver@fieldbook.test');
		expect((await client.call('GET', '/api/auth/me')).status).toBe(200);
		const admin = await signedInAdmin();
		expect(
			(await admin.call('PATCH', `/api/admin/users/${user.id}`, { disabled: true })).status
		).toBe(200);
		expect((await client.call('GET', '/api/auth/me')).status).toBe(401);
		const again = await new ApiClient(server.url).login('leaver@fieldbook.test', password);
		expect(again.status).toBe(401);
		expect(again.body.error).toBe('account-disabled');
	});
});

describe('GET /api/framework', () => {
	it('serves the catalogue to a signed-in user, 401 to nobody', async () => {
		expect((await new ApiClient(server.url).call('GET', '/api/framework')).status).toBe(401);
		const { client } = await newAccount('viewer', 'reader@fieldbook.test');
		const res = await client.call('GET', '/api/framework');
		expect(res.status).toBe(200);
		expect(res.body.id).toBe('imhars');
		expect(res.body.components).toHaveLength(7);
		for (const component of res.body.components) {
			expect(component).toMatchObject({ id: expect.any(String), title: expect.any(String) });
			expect(component.practices.length).toBeGreaterThan(0);
			expect(component.prompts).toHaveLength(5);
			for (const prompt of component.prompts) {
				expect(prompt).toMatchObject({
					id: expect.any(String),
					text: expect.any(String),
					activityKind: expect.any(String)
				});
			}
		}
	});
});
