// The floors' network side: a plain node:http server on loopback that drains what is posted
// to /sink and answers /bytes?n= with n bytes, and serves a blank page at / so that the
// browser's fetches to it are same-origin (the app's CSP would refuse another origin).
import { createServer } from 'node:http';

/** @param {number} port */
export async function startSink(port) {
	let filler = Buffer.alloc(0);
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sink');
		if (url.pathname === '/') {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!doctype html><title>sink</title>');
		} else if (url.pathname === '/sink') {
			req.on('data', () => {});
			req.on('end', () => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{}');
			});
		} else if (url.pathname === '/bytes') {
			const n = Number(url.searchParams.get('n'));
			if (filler.byteLength < n) filler = Buffer.alloc(n, 'x');
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': n });
			res.end(filler.subarray(0, n));
		} else {
			res.writeHead(404);
			res.end();
		}
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', () => done(undefined)));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () => new Promise((done) => server.close(() => done(undefined)))
	};
}

/**
 * In a page on the sink's origin: the same requests, of the same sizes and in the same order,
 * as a sync made (bodies built before the clock starts), each answer read to the end.
 * @param {import('@playwright/test').Page} page @param {number[]} up @param {number[]} down
 */
export async function replay(page, up, down, type = 'application/json') {
	return page.evaluate(
		async ({ up, down, type }) => {
			const bodies = up.map((n) => new Blob([new Uint8Array(n).fill(120)], { type }));
			const t = performance.now();
			for (const body of bodies) {
				const r = await fetch('/sink', { method: 'POST', headers: { 'content-type': type }, body });
				await r.text();
			}
			for (const n of down) await (await fetch(`/bytes?n=${n}`)).text();
			return performance.now() - t;
		},
		{ up, down, type }
	);
}
