/*
 * The server's sync store: every statement sync runs on the database, by concern. Push, pull,
 * rights and photos call these and hold no SQL; what differs between SQLite and PostgreSQL
 * (the log's lock, the event-loop turn, binary columns) is behind `db/engine.ts`.
 *
 * A push batch (DESIGN.md §3), in order: `inPushBatch` opens its transaction; `loadRecords`,
 * `memberOf` and `flagsOf` read, in one query each (per 500 ids), everything the batch's
 * changes touch, without the log's lock; the lock is taken, `bindClient` reads the device's
 * last seq, and on PostgreSQL `touchedSince`/`existingRecords` say what pushes that committed
 * meanwhile changed, which is read again; the changes are then taken in turn in memory
 * (sync/working-set.ts), and what they did is written with `appendLogs`, `saveRecords`,
 * `setAuditMembers`, `replaceFlags`, `recordNames`/`grantScopes` and `quarantine`, multi-row
 * statements of up to 500 rows (the log's, records' and quarantine's of fixed sizes whose SQL
 * stays prepared: `insertRows`, bulk.ts); `setLastSeq`; commit. A pull is `logAfter` in the
 * scopes from `auditsOf`.
 */
export { inPushBatch } from './batch';
export { CHUNK, chunked } from './chunks';
export { bindClient, setLastSeq, type BoundClient } from './clients';
export { auditsOf, auditsOfBoth, memberOf, setAuditMembers } from './members';
export {
	existingRecords,
	loadRecords,
	saveRecords,
	type FieldRow,
	type StoredRecord
} from './records';
export {
	appendLogs,
	loggedOf,
	logAfter,
	SERVER_CLIENT_ID,
	touchedSince,
	type LogEntry
} from './log';
export { quarantine, quarantinedOf, type QuarantineEntry } from './quarantine';
export { useBlobDir } from './blob-files';
export {
	getBlob,
	grantScopes,
	grantsOf,
	namingScopes,
	putBlob,
	recordNames,
	recordUpload,
	uploadedBy
} from './photos';
export { fieldOf, firstAuthor, flagsIn, flagsOf, replaceFlags, type FlagRow } from './safeguarding';
