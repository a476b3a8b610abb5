// `npm run migrate-to-postgres -- --from ./data/fieldbook.db --to postgres://…`: moves a SQLite
// server's data into an empty PostgreSQL database (README, "PostgreSQL"). The work is
// src/lib/server/db/move.ts, beside the migrations it runs; esbuild (already here for the bench)
// turns it into JavaScript for node, so no `npm run build` is needed first.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const usage =
	'usage: npm run migrate-to-postgres -- --from ./data/fieldbook.db --to postgres://user:password@host:5432/fieldbook';

/** @type {{ from?: string, to?: string }} */
let options;
try {
	({ values: options } = parseArgs({
		options: { from: { type: 'string' }, to: { type: 'string' } },
		strict: true
	}));
} catch (error) {
	console.error(`migrate-to-postgres: ${/** @type {Error} */ (error).message}\n${usage}`);
	process.exit(2);
}
if (!options.from || !options.to) {
	console.error(`migrate-to-postgres: both --from and --to are needed\n${usage}`);
	process.exit(2);
}

// Inside node_modules, so that the bundle finds kysely, pg and better-sqlite3 there.
const out = join(root, 'node_modules/.cache/fieldbook-move/move.js');
mkdirSync(join(out, '..'), { recursive: true });
await build({
	entryPoints: [join(root, 'src/lib/server/db/move.ts')],
	outfile: out,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'error'
});
/** @type {typeof import('../src/lib/server/db/move')} */
const { moveToPostgres, MoveRefused, shown } = await import(pathToFileURL(out).href);

console.log(`Moving ${options.from} to ${shown(options.to)}…`);
try {
	const report = await moveToPostgres(options.from, options.to, (line) => console.log(`  ${line}`));
	const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
	console.log(
		`Moved ${rows} rows in ${report.tables.length} tables in one transaction; the change log goes on from ${report.serverSeq}.`
	);
	if (report.photosAsFiles > 0)
		console.log(
			`${report.photosAsFiles} photos are files in the old FIELDBOOK_BLOB_DIR: start every instance with that same FIELDBOOK_BLOB_DIR.`
		);
	console.log(`Start Fieldbook with FIELDBOOK_DATABASE_URL=${shown(options.to)}`);
} catch (error) {
	const message = error instanceof MoveRefused ? error.message : /** @type {Error} */ (error).stack;
	console.error(`migrate-to-postgres: ${message}\nNothing was written to the target.`);
	process.exit(1);
}
