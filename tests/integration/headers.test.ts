import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDevice, newId, schoolFields } from '../helpers/changes';
import { ApiClient, signedInAccount, startServer, type RunningServer } from '../helpers/server';

/*
 * Issue 12, finding 4: no HSTS; /app-shell fetched from the network had no CSP, nosniff or
 * framing header; static files had no nosniff; API 500s and unknown /api paths answered HTML;
 * a chunked body over the limit got "400 not valid JSON" instead of 413.
 */

let server: RunningServer;
let pia: { client: ApiClient; id: string };

beforeAll(async () => {
	// Behind a TLS proxy that says so in X-Forwarded-Proto (README, "Behind a proxy").
	server = await startServer({ env: { PROTOCOL_HEADER: 'x-forwarded-proto' } });
	pia = await signedInAccount(server, 'pia', 'advisor');
});
afterAll(() => server?.dispose());

const head = (path: string, headers: Record<string, string> = {}) =>
	fetch(server.url + path, { headers });

function expectFramingAndSniffing(res: Response) {
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

/** A body sent in chunks, with no content-length: `size` bytes of one long JSON text. */
function chunked(size: number): ReadableStream<Uint8Array> {
	const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent === 0) controller.enqueue(new TextEncoder().encode('{"email":"'));
			if (sent >= size) {
				controller.enqueue(new TextEncoder().encode('"}'));
				controller.close();
				return;
			}
			controller.enqueue(chunk);
			sent += chunk.byteLength;
		}
	});
}

describe('finding 4: headers', () => {
	it('the app shell from the network has a CSP that forbids framing, and nosniff', async () => {
		const res = await head('/app-shell');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		expectFramingAndSniffing(res);
		// Its full policy (scripts, styles…) is the meta tag SvelteKit prerendered with hashes.
		expect(await res.text()).toContain('http-equiv="content-security-policy"');
	});

	it('every other page, and static files, carry them too', async () => {
		const page = await head('/schools');
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		expectFramingAndSniffing(page);
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		for (const file of ['/favicon.svg', '/manifest.webmanifest', '/service-worker.js']) {
			const res = await head(file);
			expect(res.status, file).toBe(200);
			expect(res.headers.get('x-content-type-options'), file).toBe('nosniff');
		}
	});

	it('HSTS only when the request came over HTTPS', async () => {
		const secure = await head('/app-shell', { 'x-forwarded-proto': 'https' });
		expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
		const plain = await head('/app-shell', { 'x-forwarded-proto': 'http' });
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		const api = await head('/api/health', { 'x-forwarded-proto': 'https' });
		expect(api.headers.get('strict-transport-security')).toMatch(/^max-age=/);
	});
});

describe('finding 4: every /api error is JSON', () => {
	it('an unknown path, even asked for as HTML', async () => {
		for (const accept of ['text/html', '*/*']) {
			const res = await head('/api/no-such-thing', { accept, cookie: pia.client.cookie });
			expect(res.status).toBe(404);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			expect(await res.json()).toMatchObject({ error: 'not-found', message: expect.any(String) });
		}
	});

	it('a method the endpoint does not take', async () => {
		const res = await fetch(`${server.url}/api/health`, {
			method: 'DELETE',
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(405);
		expect(await res.json()).toMatchObject({ error: 'method-not-allowed' });
	});

	it('a server failure: a push while another process holds the database', async () => {
		const device = new FakeDevice('e500000000000001');
		const body = device.body([device.change('school', newId(), 'org', schoolFields())]);
		const lock = new Database(server.dbPath);
		lock.exec('BEGIN EXCLUSIVE');
		try {
			const res = await fetch(`${server.url}/api/sync/push`, {
				method: 'POST',
				headers: {
					accept: 'text/html',
					'content-type': 'application/json',
					cookie: pia.client.cookie
				},
				body: JSON.stringify(body)
			});
			expect(res.status).toBe(500);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			expect(await res.json()).toMatchObject({ error: 'internal', message: expect.any(String) });
		} finally {
			lock.exec('ROLLBACK');
			lock.close();
		}
		// Nothing was taken: the same push goes in once the database is free.
		const again = await pia.client.call('POST', '/api/sync/push', body);
		expect(again.body).toMatchObject({ lastProcessedSeq: 1, quarantined: [] });
	}, 30_000);
});

describe('finding 4: 413 for any oversized body, however it is sent', () => {
	for (const [label, size] of [
		['over the 2 MB limit', 2.5 * 1024 * 1024],
		['over BODY_SIZE_LIMIT', 4 * 1024 * 1024]
	] as const) {
		it(`a chunked body ${label}`, async () => {
			for (const path of ['/api/auth/login', '/api/sync/push']) {
				const res = await fetch(server.url + path, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: pia.client.cookie },
					body: chunked(size),
					duplex: 'half'
				} as RequestInit);
				expect(res.status, path).toBe(413);
				expect(await res.json(), path).toMatchObject({ error: 'too-large' });
			}
		});
	}
});
