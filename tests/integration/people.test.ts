import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ApiClient,
	signedInAccount,
	startServer,
	testAdmin,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

describe('GET /api/people', () => {
	it('answers 401 without a session', async () => {
		const res = await new ApiClient(server.url).call('GET', '/api/people');
		expect(res.status).toBe(401);
		expect(res.body.error).toBe('unauthenticated');
	});

	it('lists active accounts (id, name, role, no e-mail) to any signed-in user, disabled ones left out', async () => {
		const viewer = await signedInAccount(server, 'vera', 'viewer');
		const advisor = await signedInAccount(server, 'adam', 'advisor');
		const leaver = await signedInAccount(server, 'lena', 'advisor');
		const admin = new ApiClient(server.url);
		await admin.login(testAdmin.email, testAdmin.password);
		const disabled = await admin.call('PATCH', `/api/admin/users/${leaver.id}`, { disabled: true });
		expect(disabled.status).toBe(200);

		const res = await viewer.client.call('GET', '/api/people');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const people = res.body.people as { id: string; name: string; role: string }[];
		expect(people).toContainEqual({ id: advisor.id, name: 'adam', role: 'advisor' });
		expect(people).toContainEqual({ id: viewer.id, name: 'vera', role: 'viewer' });
		expect(people.map((p) => p.id)).not.toContain(leaver.id);
		expect(people.some((p) => p.role === 'admin')).toBe(true);
		expect(JSON.stringify(res.body)).not.toContain('@fieldbook.test');
	});
});
