import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

describe('a server killed and restarted on the same SQLite file', () => {
	it('loses no account and no session, and refused input changed nothing', async () => {
		const admin = new ApiClient(server.url);
		await admin.login(testAdmin.email, testAdmin.password);
		const account = { name: 'Kim', password: 'a long enough password', role: 'advisor' };
		expect(
			(await admin.call('POST', '/api/admin/users', { ...account, email: 'kim@fieldbook.test' }))
				.status
		).toBe(201);
		// Refused writes, one malformed and one duplicate, leave what was saved as it was.
		const before = (await admin.call('GET', '/api/admin/users')).body.users;
		expect((await admin.call('POST', '/api/admin/users', '{"email": "half')).status).toBe(400);
		const duplicate = { ...account, name: 'Other Kim', email: 'KIM@fieldbook.test' };
		expect((await admin.call('POST', '/api/admin/users', duplicate)).status).toBe(409);
		expect((await admin.call('GET', '/api/admin/users')).body.users).toEqual(before);

		const kim = new ApiClient(server.url);
		expect((await kim.login('kim@fieldbook.test', account.password)).status).toBe(200);

		// A crash, not a shutdown: SIGKILL gives the process no chance to tidy up.
		await server.stop('SIGKILL');
		server = await server.restart();
		const kimAgain = new ApiClient(server.url);
		kimAgain.cookie = kim.cookie;
		const adminAgain = new ApiClient(server.url);
		adminAgain.cookie = admin.cookie;

		// Sessions live in the database, not in the process: both are still signed in.
		expect((await kimAgain.call('GET', '/api/auth/me')).body.user.email).toBe('kim@fieldbook.test');
		expect((await adminAgain.call('GET', '/api/admin/users')).body.users).toEqual(before);
	});
});

describe('error answers', () => {
	it('carry a stable code and a sentence, for 401 and 403 alike', async () => {
		const nobody = await new ApiClient(server.url).call('GET', '/api/auth/me');
		expect(nobody.status).toBe(401);
		expect(nobody.body).toEqual({ error: 'unauthenticated', message: 'Sign in first' });
		const admin = new ApiClient(server.url);
		await admin.login(testAdmin.email, testAdmin.password);
		const viewer = { email: 'vera@fieldbook.test', name: 'Vera', role: 'viewer' };
		await admin.call('POST', '/api/admin/users', { ...viewer, password: 'a long enough password' });
		const vera = new ApiClient(server.url);
		await vera.login(viewer.email, 'a long enough password');
		const refused = await vera.call('GET', '/api/admin/users');
		expect(refused.status).toBe(403);
		expect(refused.body).toEqual({ error: 'forbidden', message: 'Your account may not do this' });
	});
});
