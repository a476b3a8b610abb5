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

export interface Database {
	users: UsersTable;
	sessions: SessionsTable;
	login_failures: LoginFailuresTable;
	setup_tokens: SetupTokensTable;
}
