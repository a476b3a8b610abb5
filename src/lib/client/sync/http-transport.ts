import type { SyncTransport } from './engine';

/** Long enough for a 1 MB batch or a 2 MB photo on a slow connection. */
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The engine's way to the server over HTTP. Bodies go as Blobs: the browser streams them
 * without another copy of a 1 MB batch. `base` is '' in the app; tests give the server's URL
 * and a fetch that carries the session cookie.
 */
export function httpTransport(
	base = '',
	f: typeof fetch = fetch,
	timeoutMs = REQUEST_TIMEOUT_MS
): SyncTransport {
	// A half-open connection on school Wi-Fi never answers: without a deadline the run would
	// hang for good, "Sync now" would join it, and its Web Lock would stop every other tab.
	const deadline = () => AbortSignal.timeout(timeoutMs);
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
				body,
				signal: deadline()
			});
			return answer(response);
		},
		async pull(since, limit) {
			const query = new URLSearchParams({ limit: String(limit) });
			if (since) query.set('since', since);
			const response = await f(`${base}/api/sync/pull?${query}`, {
				credentials: 'same-origin',
				signal: deadline()
			});
			return answer(response);
		},
		async putBlob(hash, type, bytes) {
			const response = await f(`${base}/api/blobs/${hash}`, {
				method: 'PUT',
				headers: { 'content-type': type },
				credentials: 'same-origin',
				body: new Blob([bytes], { type }),
				signal: deadline()
			});
			await response.body?.cancel();
			return { status: response.status };
		},
		async getBlob(hash) {
			const response = await f(`${base}/api/blobs/${hash}`, {
				credentials: 'same-origin',
				signal: deadline()
			});
			if (response.status !== 200) {
				await response.body?.cancel();
				return { status: response.status };
			}
			const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
			return { status: 200, bytes: await response.arrayBuffer(), type };
		}
	};
}
