// The CouchDB-protocol peer: express-pouchdb over PouchDB's in-memory adapter on loopback, and
// PouchDB's browser build (pouchdb-browser, bundled here with esbuild) served from the same
// origin with a blank page, so that the browser replicates with no CORS in the way.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/** PouchDB's browser build as one script that sets `window.PouchDB`. */
async function browserPouch() {
	const out = await build({
		stdin: {
			contents: 'import PouchDB from "pouchdb-browser"; window.PouchDB = PouchDB;',
			resolveDir: new URL('.', import.meta.url).pathname
		},
		bundle: true,
		format: 'iife',
		minify: true,
		write: false,
		logLevel: 'error'
	});
	return out.outputFiles[0].text;
}

/** @param {number} port @param {string} logPath */
export async function startPouchServer(port, logPath) {
	const PouchDB = require('pouchdb-core').plugin(require('pouchdb-adapter-memory'));
	const app = require('express-pouchdb')(PouchDB.defaults({ adapter: 'memory' }), {
		mode: 'minimumForPouchDB',
		inMemoryConfig: true,
		logPath
	});
	const script = await browserPouch();
	const server = createServer((req, res) => {
		if (req.url === '/bench.html') {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!doctype html><title>peer</title><script src="/pouchdb.js"></script>');
		} else if (req.url === '/pouchdb.js') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			res.end(script);
		} else app(req, res);
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', () => done(undefined)));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () => new Promise((done) => server.close(() => done(undefined)))
	};
}
