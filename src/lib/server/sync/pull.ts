import { createHash } from 'node:crypto';
import { boundedCopy, JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
import type { User } from '$lib/domain/user';
import type { PullResponse, PulledChange } from '$lib/sync/protocol';
import type { DB } from '../db';
import { pullScopes } from './rights';
import { withheldFrom, withholdFlagged } from './safeguarding';
import { logAfter } from './store';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;

/** A page stops growing past this much stored JSON (at least one change is always sent). */
export const MAX_PULL_PAGE_CHARS = 8_000_000;

export class BadCursor extends Error {}

/** The stored fields, as a value that can be written out again whatever an old version kept. */
function storedFields(json: string): Record<string, unknown> {
	const fields = JSON.parse(json) as Record<string, unknown>;
	// Values stored before bounds existed (issue 12) are sent cut down rather than failing the
	// page for every reader.
	if (jsonProblem(fields, JSON_LIMITS.change) === null) return fields;
	return boundedCopy(fields) as Record<string, unknown>;
}

/**
 * The cursor is opaque to devices: `<serverSeq>.<fingerprint of the readable scopes>`. When a
 * user gains an audit the fingerprint changes and the pull starts again from the beginning,
 * so the new member receives the audit's history; applying changes again is harmless, as the
 * per-field rule is idempotent and order-independent.
 */
function fingerprint(scopes: string[] | 'all', withheld: Set<string>): string {
	let text = scopes === 'all' ? '*' : [...scopes].sort().join('\n');
	// Records withheld from the user (safeguarding, sync/withheld.ts): when the set changes, the
	// pull starts again, so a note unflagged arrives whole and one flagged later is erased.
	if (withheld.size > 0) text += `\n!${[...withheld].sort().join('\n')}`;
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function parseCursor(cursor: string | null): { seq: number; print: string | null } {
	if (cursor === null || cursor === '') return { seq: 0, print: null };
	const match = /^(\d{1,15})\.([0-9a-f]{16})$/.exec(cursor);
	if (!match) throw new BadCursor('Not a cursor this server gave');
	return { seq: Number(match[1]), print: match[2]! };
}

/** Changes after the cursor that the user may read, in server order (DESIGN.md §3, §6). */
export async function pullChanges(
	db: DB,
	user: User,
	since: string | null,
	limit = DEFAULT_PULL_LIMIT
): Promise<PullResponse> {
	// What the user may read and what they lost, in one read (each was a query of its own).
	const { readable: scopes, revoked } = await pullScopes(db, user);
	const withheld = await withheldFrom(db, user, scopes);
	const print = fingerprint(scopes, withheld);
	const cursor = parseCursor(since);
	const from = cursor.print === null || cursor.print === print ? cursor.seq : 0;

	const rows = await logAfter(db, from, scopes, limit + 1);
	let chars = 0;
	let size = 0;
	while (size < Math.min(rows.length, limit) && (size === 0 || chars < MAX_PULL_PAGE_CHARS)) {
		chars += rows[size]!.fields_json.length;
		size++;
	}
	const page = rows.slice(0, size);
	const logged: PulledChange[] = page.map((r) => ({
		clientId: r.client_id,
		seq: Number(r.seq),
		type: r.type,
		recordId: r.record_id,
		scope: r.scope,
		fields: storedFields(r.fields_json),
		hlc: r.hlc,
		base: r.base_json ? (JSON.parse(r.base_json) as Record<string, string>) : null,
		serverSeq: Number(r.server_seq),
		author: r.author
	}));
	// An empty page has nothing to withhold: a sync with nothing to fetch skips the second read
	// of the flags (noop_sync_ms, issue 16).
	const changes =
		logged.length === 0 ? logged : await withholdFlagged(db, user, scopes, logged, withheld);
	const lastSeq = page.length > 0 ? Number(page[page.length - 1]!.server_seq) : from;
	return {
		changes,
		cursor: `${lastSeq}.${print}`,
		more: rows.length > size,
		revokedScopes: revoked
	};
}
