/**
 * SvelteKit's own CSRF check covers form posts only. JSON endpoints get theirs here: a
 * state-changing request must come from this origin and, where it has a body, be JSON.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths whose bodies are raw bytes rather than JSON (photos: DESIGN.md §6). */
const RAW_BODY_PREFIXES = ['/api/blobs/'];

/**
 * Compares host and port, not scheme: adapter-node takes every request for https unless
 * ORIGIN or PROTOCOL_HEADER says otherwise, while a browser on plain http://localhost sends
 * an http Origin. A page on the same host and port is this server, whatever the scheme.
 */
function sameHost(origin: string, url: URL): boolean {
	try {
		return new URL(origin).host === url.host;
	} catch {
		return false; // "null" (sandboxed frames, file://) and garbage are foreign
	}
}

export type GuardRefusal = { status: 403 | 415; code: string; message: string };

export function checkApiRequest(request: Request, url: URL): GuardRefusal | null {
	if (SAFE_METHODS.has(request.method)) return null;
	const origin = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	const crossOrigin =
		origin !== null
			? !sameHost(origin, url)
			: site !== null && !['same-origin', 'none'].includes(site);
	if (crossOrigin) {
		return { status: 403, code: 'cross-origin', message: 'Cross-origin requests are refused' };
	}
	const length = Number(request.headers.get('content-length') ?? '0');
	const hasBody = length > 0 || request.headers.has('transfer-encoding');
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (
		hasBody &&
		type !== 'application/json' &&
		!RAW_BODY_PREFIXES.some((p) => url.pathname.startsWith(p))
	) {
		return {
			status: 415,
			code: 'unsupported-media-type',
			message: 'Send the body as application/json'
		};
	}
	return null;
}
