/*
 * The server's sync store: every statement sync runs on the database, by concern. Push, pull,
 * rights and photos call these and hold no SQL; what differs between SQLite and PostgreSQL
 * (the log's lock, the event-loop turn, binary columns) is behind `db/engine.ts`.
 *
 * A push batch (DESIGN.md §3), in order: `inPushBatch` opens its transaction and takes the
 * log's lock; `bindClient` reads the device's last seq; per change, `loadRecord` and the
 * membership lookups for rights, then `appendLog`, `saveFields`, `setAuditMembers`,
 * `recordNames`/`grantScopes` — or `quarantine`; `setLastSeq`; commit. A pull is `logAfter`
 * in the scopes from `auditsOf`.
 */
export { inPushBatch } from './batch';
export { bindClient, setLastSeq, type BoundClient } from './clients';
export { auditsOf, isAuditMember, setAuditMembers } from './members';
export { loadRecord, recordType, saveFields, type StoredRecord } from './records';
export { appendLog, loggedOf, logAfter, SERVER_CLIENT_ID, type LogEntry } from './log';
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
export {
	clearFlag,
	fieldOf,
	firstAuthor,
	flagOf,
	flagsIn,
	setFlag,
	type FlagRow
} from './safeguarding';
