// The floor of the server's share of a sync: better-sqlite3 inserting the rows a push of these
// patches makes (a record row, a row per field, a change-log row each) in ONE transaction, on
// a new file with the server's tables, indexes and pragmas (src/lib/server/db).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { scratch } from './server.js';

/**
 * @param {{ type: string, id: string, scope: string, fields: Record<string, unknown> }[]} patches
 * @param {string} author @param {string} clientId
 * @returns {number} milliseconds
 */
export function sqliteInsertMs(patches, author, clientId) {
	const dir = scratch('sqlite');
	const db = new Database(join(dir, 'floor.db'));
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.pragma('foreign_keys = ON');
		db.exec(`
			create table records (id text primary key, type text not null, scope text not null,
				created_at bigint not null);
			create index records_scope on records (scope, type);
			create table record_fields (record_id text not null references records (id),
				field text not null, value_json text not null, hlc text not null, author text not null,
				constraint record_fields_pk primary key (record_id, field));
			create table change_log (server_seq bigint primary key, client_id text not null,
				seq bigint not null, author text not null, type text not null, record_id text not null,
				scope text not null, fields_json text not null, hlc text not null, base_json text,
				received_at bigint not null, constraint change_log_client_seq unique (client_id, seq));
			create index change_log_scope_seq on change_log (scope, server_seq);`);
		const record = db.prepare('insert into records values (?, ?, ?, ?)');
		const field = db.prepare('insert into record_fields values (?, ?, ?, ?, ?)');
		const log = db.prepare('insert into change_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
		const hlc = new Date().toISOString();
		const insert = db.transaction(() => {
			const now = Date.now();
			patches.forEach((p, i) => {
				const stamp = `${hlc}-${i.toString(16).padStart(4, '0')}-${clientId}`;
				record.run(p.id, p.type, p.scope, now);
				for (const [name, value] of Object.entries(p.fields))
					field.run(p.id, name, JSON.stringify(value), stamp, author);
				log.run(
					i + 1,
					clientId,
					i + 1,
					author,
					p.type,
					p.id,
					p.scope,
					JSON.stringify(p.fields),
					stamp,
					null,
					now
				);
			});
		});
		const t = performance.now();
		insert();
		return performance.now() - t;
	} finally {
		db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
