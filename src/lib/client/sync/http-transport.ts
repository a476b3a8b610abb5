import type { SyncTransport } from './engine';

/**
 * The engine's way to the server over HTTP. Bodies go as Blobs: the browser streams them
 * without another copy of a 1 MB batch. `base` is '' in the app; tests give the server's URL
 * and a fetch that carries the session cookie.
 */
export function httpTransport(base = '', f: typeof fetch = fetch): SyncTransport {
	async function answer(response: Response) {
		const text = await response.text();
		let body: unknown = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			body = null; // a proxy's HTML error page: the status says enough
		}
		return { status: response.status, body };
	}
	return {
		async push(envelope) {
			const body = new Blob([JSON.stringify(envelope)], { type: 'application/json' });
			const response = await f(`${base}/api/sync/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				credentials: 'same-origin',
				body
			});
			return answer(response);
		},
		async pull(since, limit) {
			const query = new URLSearchParams({ limit: String(limit) });
			if (since) query.set('since', since);
			const response = await f(`${base}/api/sync/pull?${query}`, { credentials: 'same-origin' });
			return answer(response);
		},
		async putBlob(hash, type, bytes) {
			const response = await f(`${base}/api/blobs/${hash}`, {
				method: 'PUT',
				headers: { 'content-type': type },
				credentials: 'same-origin',
				body: new Blob([bytes], { type })
			});
			await response.body?.cancel();
			return { status: response.status };
		}
	};
}
