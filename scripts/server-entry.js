/*
 * Copied into the build as index.js (svelte.config.js); adapter-node's own index.js becomes
 * sveltekit-server.js and runs unchanged (PORT, HOST, SOCKET_PATH, graceful shutdown…).
 * adapter-node serves static files and prerendered pages (the app shell) itself, before any
 * SvelteKit hook runs, so headers set in hooks.server.ts never reach them (issue 12). Its
 * server has no middleware seam, so the one server it creates gets a first 'request'
 * listener that sets these headers; SvelteKit's own (a page's full CSP) replace them where
 * it sets them.
 */
import http from 'node:http';

const origin = process.env.ORIGIN ?? '';
const protocolHeader = (process.env.PROTOCOL_HEADER ?? '').toLowerCase();

/**
 * Over HTTPS as the client sees it: adapter-node never terminates TLS itself, so a proxy does,
 * and says so through ORIGIN or PROTOCOL_HEADER (README, "Behind a proxy").
 */
/** @param {import('node:http').IncomingMessage} req */
function overHttps(req) {
	if (/** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted) return true;
	if (protocolHeader) return String(req.headers[protocolHeader] ?? '').toLowerCase() === 'https';
	return origin.startsWith('https://');
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function securityHeaders(req, res) {
	res.setHeader('x-content-type-options', 'nosniff');
	// A meta CSP (the prerendered shell's) cannot forbid framing: this header does.
	res.setHeader(
		'content-security-policy',
		"frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
	);
	res.setHeader('x-frame-options', 'DENY');
	res.setHeader('referrer-policy', 'same-origin');
	if (overHttps(req))
		res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

const createServer = http.createServer;
/** @type {typeof http.createServer} */
const withHeaders = (/** @type {any[]} */ ...args) => {
	const server = createServer(...args);
	server.prependListener('request', securityHeaders);
	return server;
};
http.createServer = withHeaders;
// Beside this file in the build only: a name, so that type checks of scripts/ do not seek it.
const adapterServer = './sveltekit-server.js';
try {
	await import(adapterServer);
} finally {
	http.createServer = createServer;
}
