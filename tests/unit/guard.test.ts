import { describe, expect, it } from 'vitest';
import { checkApiRequest } from '../../src/lib/server/guard';

const url = new URL('https://fieldbook.example.org/api/admin/users');

function request(method: string, headers: Record<string, string> = {}, body?: string) {
	return new Request(url, { method, headers, body });
}

const json = { 'content-type': 'application/json', 'content-length': '2' };

describe('the JSON endpoint guard', () => {
	it('lets reads through from anywhere', () => {
		expect(checkApiRequest(request('GET', { origin: 'https://evil.example' }), url)).toBeNull();
	});

	it('lets same-origin JSON writes through, and writes from programs that send no Origin', () => {
		const sameOrigin = { ...json, origin: url.origin, 'sec-fetch-site': 'same-origin' };
		expect(checkApiRequest(request('POST', sameOrigin, '{}'), url)).toBeNull();
		expect(checkApiRequest(request('POST', json, '{}'), url)).toBeNull();
		// Behind no proxy adapter-node takes the request for https; the browser says http.
		const plainHttp = { ...json, origin: 'http://fieldbook.example.org' };
		expect(checkApiRequest(request('POST', plainHttp, '{}'), url)).toBeNull();
		expect(checkApiRequest(request('POST', {}), url)).toBeNull();
	});

	it('refuses another origin, by Origin or by Sec-Fetch-Site', () => {
		for (const headers of [
			{ ...json, origin: 'https://evil.example' },
			{ ...json, origin: 'https://fieldbook.example.org:8443' },
			{ ...json, origin: 'null' },
			{ ...json, 'sec-fetch-site': 'cross-site' },
			{ ...json, 'sec-fetch-site': 'same-site' }
		]) {
			expect(checkApiRequest(request('POST', headers, '{}'), url)?.status).toBe(403);
		}
	});

	it('refuses a body that is not JSON, except raw photo bytes', () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' };
		expect(checkApiRequest(request('POST', form, 'a=b'), url)?.status).toBe(415);
		const text = { 'content-type': 'text/plain', 'content-length': '2' };
		expect(checkApiRequest(request('PUT', text, '{}'), url)?.status).toBe(415);
		const blobUrl = new URL('/api/blobs/' + 'a'.repeat(64), url);
		const jpeg = { 'content-type': 'image/jpeg', 'content-length': '3' };
		expect(
			checkApiRequest(new Request(blobUrl, { method: 'PUT', headers: jpeg, body: 'abc' }), blobUrl)
		).toBeNull();
	});
});
