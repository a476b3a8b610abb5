/** Times are integer milliseconds since the epoch (UTC). */
export interface UsersTable {
	id: string;
	email: string;
	name: string;
	role: 'admin' | 'advisor' | 'viewer';
	password_hash: string;
	disabled_at: number | null;
	created_at: number;
}

export interface SessionsTable {
	/** SHA-256 of the cookie's token: a copy of the database cannot be used to sign in. */
	id: string;
	user_id: string;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
}

export interface LoginFailuresTable {
	/** 'account' (the e-mail tried) or 'ip'. */
	kind: 'account' | 'ip';
	key: string;
	at: number;
}

export interface SetupTokensTable {
	token_hash: string;
	created_at: number;
	used_at: number | null;
}

export interface SyncCountersTable {
	name: string;
	value: number;
}

export interface SyncClientsTable {
	client_id: string;
	user_id: string;
	/** The last `seq` processed from this device: applied, or quarantined. */
	last_seq: number;
	created_at: number;
}

export interface RecordsTable {
	id: string;
	type: string;
	/** 'org' for schools, else the audit's id. */
	scope: string;
	created_at: number;
}

export interface RecordFieldsTable {
	record_id: string;
	field: string;
	value_json: string;
	hlc: string;
	author: string;
}

export interface AuditMembersTable {
	audit_id: string;
	user_id: string;
	/** Set when the user stops being a member; cleared if they are added again. */
	removed_at: number | null;
}

export interface ChangeLogTable {
	server_seq: number;
	client_id: string;
	seq: number;
	author: string;
	type: string;
	record_id: string;
	scope: string;
	fields_json: string;
	hlc: string;
	base_json: string | null;
	received_at: number;
}

export interface QuarantineTable {
	client_id: string;
	seq: number;
	author: string;
	reason: 'invalid' | 'forbidden' | 'unknown-type';
	detail: string;
	change_json: string;
	received_at: number;
}

export interface BlobsTable {
	hash: string;
	content_type: string;
	bytes: Uint8Array;
	size: number;
	uploaded_by: string;
	created_at: number;
}

/** Who sent which photo bytes (DESIGN.md §4). */
export interface BlobUploadsTable {
	hash: string;
	user_id: string;
	created_at: number;
}

/** Hashes a user's accepted records named, per scope. */
export interface PhotoNamesTable {
	hash: string;
	scope: string;
	user_id: string;
}

/** The scopes a photo was uploaded into: whoever reads the scope reads the photo. */
export interface BlobScopesTable {
	hash: string;
	scope: string;
	uploaded_by: string;
	created_at: number;
}

/** Issue 13: the per-user key that wraps a tablet's data key (base64url, 32 bytes). */
export interface DeviceKeysTable {
	user_id: string;
	key: string;
	created_at: number;
}

/** Issue 14: the records flagged as a safeguarding concern now, and who besides the lead reads them. */
export interface SafeguardingFlagsTable {
	record_id: string;
	scope: string;
	/** Who wrote the record (its first change). */
	author: string;
	/** Who flagged it: they must still record when and to whom it was reported. */
	flagged_by: string;
	flagged_at: number;
}

export interface Database {
	users: UsersTable;
	sessions: SessionsTable;
	login_failures: LoginFailuresTable;
	setup_tokens: SetupTokensTable;
	sync_counters: SyncCountersTable;
	sync_clients: SyncClientsTable;
	records: RecordsTable;
	record_fields: RecordFieldsTable;
	audit_members: AuditMembersTable;
	change_log: ChangeLogTable;
	quarantine: QuarantineTable;
	blobs: BlobsTable;
	blob_uploads: BlobUploadsTable;
	photo_names: PhotoNamesTable;
	blob_scopes: BlobScopesTable;
	device_keys: DeviceKeysTable;
	safeguarding_flags: SafeguardingFlagsTable;
}
