import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer | null = null;
afterEach(async () => {
	await server?.dispose();
	server = null;
});

describe('a server started on an empty database without FIELDBOOK_ADMIN_*', () => {
	it('prints a one-time setup link that creates the first admin once', async () => {
		server = await startServer({
			env: { FIELDBOOK_ADMIN_EMAIL: '', FIELDBOOK_ADMIN_PASSWORD: '' }
		});
		const link = server.output().match(/http:\/\/\S+\/setup#token=([\w-]+)/);
		expect(link).not.toBeNull();
		const token = link![1]!;
		const client = new ApiClient(server.url);
		expect((await client.call('GET', `/api/setup?token=${token}`)).body).toEqual({ valid: true });
		const admin = {
			token,
			email: 'first@fieldbook.test',
			name: 'First',
			password: 'a long enough password'
		};
		const created = await client.call('POST', '/api/setup', admin);
		expect(created.status).toBe(201);
		expect(created.body.user.role).toBe('admin');
		expect((await client.call('GET', '/api/auth/me')).body.user.email).toBe('first@fieldbook.test');
		const replay = await new ApiClient(server.url).call('POST', '/api/setup', {
			...admin,
			email: 'second@fieldbook.test'
		});
		expect(replay.status).toBe(403);
		expect((await client.call('GET', `/api/setup?token=${token}`)).body).toEqual({ valid: false });
	});

	it('keeps its accounts across a restart on the same file, and prints no new link', async () => {
		server = await startServer();
		const admin = new ApiClient(server.url);
		await admin.login('admin@fieldbook.test', 'correct horse battery');
		await admin.call('POST', '/api/admin/users', {
			email: 'kept@fieldbook.test',
			name: 'Kept',
			password: 'a long enough password',
			role: 'advisor'
		});
		server = await server.restart();
		expect(server.output()).not.toMatch(/setup#token=/);
		const res = await new ApiClient(server.url).login(
			'kept@fieldbook.test',
			'a long enough password'
		);
		expect(res.status).toBe(200);
	});
});
