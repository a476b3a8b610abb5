import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedInAccount, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

describe('GET /api/auth/device-key', () => {
	it('answers 401 without a live session, and after sign-out', async () => {
		expect((await new ApiClient(server.url).call('GET', '/api/auth/device-key')).status).toBe(401);
		const { client } = await signedInAccount(server, 'olga', 'advisor');
		expect((await client.call('GET', '/api/auth/device-key')).status).toBe(200);
		await client.call('POST', '/api/auth/logout');
		expect((await client.call('GET', '/api/auth/device-key')).status).toBe(401);
	});

	it('gives each user one 32-byte key of their own, the same every time, never cached', async () => {
		const ann = await signedInAccount(server, 'ann', 'advisor');
		const bob = await signedInAccount(server, 'bob', 'advisor');
		const first = await ann.client.call('GET', '/api/auth/device-key');
		expect(first.headers.get('cache-control')).toBe('no-store');
		const key = first.body.key as string;
		expect(Buffer.from(key, 'base64url')).toHaveLength(32);
		// Another session of the same person (another tablet) gets the same key.
		const again = new ApiClient(server.url);
		await again.login('ann@fieldbook.test', 'a long enough password');
		expect((await again.call('GET', '/api/auth/device-key')).body.key).toBe(key);
		expect((await bob.client.call('GET', '/api/auth/device-key')).body.key).not.toBe(key);
	});
});
