import type { User } from '$lib/domain/user';
import type { PulledChange } from '$lib/sync/protocol';
import { flaggableTypes, isFlagged, mayReadFlagged, WITHHELD_FIELD } from '$lib/sync/withheld';
import type { DB } from '../db';
import type { Verdict } from './rights';
import { fieldOf, flagsIn, type FlagRow, type StoredRecord } from './store';
import type { WorkingSet } from './working-set';

/*
 * The server's half of the safeguarding rule (src/lib/sync/withheld.ts says it in full): who
 * may read a flagged record is judged by its state now, on every pull, push and photo read.
 */

const SERVER_AUTHOR = '0000000000000000';

async function leadsOf(db: DB, auditIds: string[]): Promise<Map<string, unknown>> {
	return fieldOf(db, [...new Set(auditIds)], 'lead');
}

function readable(user: User, flag: FlagRow, leads: Map<string, unknown>) {
	const lead = leads.get(flag.scope);
	const readers = { author: flag.author, flaggedBy: flag.flagged_by };
	return mayReadFlagged(user, { ...readers, lead: typeof lead === 'string' ? lead : null });
}

/** The ids of the flagged records in these scopes that this user may not read. */
export async function withheldFrom(
	db: DB,
	user: User,
	scopes: string[] | 'all'
): Promise<Set<string>> {
	if (user.role === 'admin') return new Set();
	const flags = await flagsIn(db, scopes);
	if (flags.length === 0) return new Set();
	const leads = await leadsOf(
		db,
		flags.map((f) => f.scope)
	);
	return new Set(flags.filter((f) => !readable(user, f, leads)).map((f) => f.record_id));
}

/**
 * A pull page as this user may see it: every entry of a record withheld from them, or of a
 * conflict about one, becomes one withheld marker (the first in the page; later ones dropped).
 * `before` is what the cursor's fingerprint was made from; the state is read again after the
 * page, so a flag that committed meanwhile withholds too.
 */
export async function withholdFlagged(
	db: DB,
	user: User,
	scopes: string[] | 'all',
	changes: PulledChange[],
	before: Set<string>
): Promise<PulledChange[]> {
	if (user.role === 'admin') return changes;
	const withheld = new Set([...before, ...(await withheldFrom(db, user, scopes))]);
	if (withheld.size === 0) return changes;
	const conflicts = changes.filter((c) => c.type === 'conflict').map((c) => c.recordId);
	const subjects = await fieldOf(db, [...new Set(conflicts)], 'recordId');
	const marked = new Set<string>();
	const page: PulledChange[] = [];
	for (const change of changes) {
		const subject = change.type === 'conflict' ? subjects.get(change.recordId) : change.recordId;
		if (typeof subject !== 'string' || !withheld.has(subject)) {
			page.push(change);
			continue;
		}
		if (marked.has(change.recordId)) continue;
		marked.add(change.recordId);
		page.push({
			clientId: SERVER_AUTHOR,
			seq: change.serverSeq,
			type: change.type,
			recordId: change.recordId,
			scope: change.scope,
			fields: { [WITHHELD_FIELD]: true },
			hlc: change.hlc,
			base: null,
			serverSeq: change.serverSeq,
			author: SERVER_AUTHOR
		});
	}
	return page;
}

const allowed: Verdict = { ok: true };

/**
 * A change to a flagged record, or to a conflict about one, is refused to anyone who may not
 * read it: they could otherwise unflag it, delete it or make themselves its flagger. Judged by
 * the flag and the lead as the batch has left them so far.
 */
export async function checkSafeguarding(
	batch: WorkingSet,
	type: string,
	recordId: string,
	existing: StoredRecord | null
): Promise<Verdict> {
	const { user } = batch;
	if (user.role === 'admin' || !existing) return allowed;
	const subject = type === 'conflict' ? existing.state.recordId?.value : recordId;
	if (typeof subject !== 'string') return allowed;
	if (type !== 'conflict' && !flaggableTypes.includes(type)) return allowed;
	const flag = await batch.flag(subject);
	if (!flag) return allowed;
	const lead = (await batch.record(flag.scope))?.state.lead?.value;
	if (readable(user, flag, new Map([[flag.scope, lead]]))) return allowed;
	return {
		ok: false,
		reason: 'forbidden',
		detail:
			'Flagged as a safeguarding concern: only its author, who flagged it, the lead and admins change it'
	};
}

/** Keeps the record's safeguarding flag in step with its merged state, after its change is taken. */
export async function trackFlag(
	batch: WorkingSet,
	change: { type: string; recordId: string; scope: string },
	existing: StoredRecord | null,
	values: Record<string, unknown>
) {
	if (!flaggableTypes.includes(change.type)) return;
	const before = existing
		? Object.fromEntries(Object.entries(existing.state).map(([f, s]) => [f, s.value]))
		: {};
	const was = isFlagged(change.type, before);
	const is = isFlagged(change.type, values);
	if (was === is) return;
	if (!is) return batch.setFlag(change.recordId, null);
	const { user } = batch;
	// Its first log entry: an earlier batch's, or else this batch's, which is this user's.
	const author = existing ? await batch.firstAuthor(change.recordId, change.scope) : user.id;
	batch.setFlag(change.recordId, {
		record_id: change.recordId,
		scope: change.scope,
		author: author ?? user.id,
		flagged_by: user.id,
		flagged_at: batch.now
	});
}

/**
 * Whether a photo is named by a record withheld from this user in the scopes it was uploaded
 * into: its bytes are then not theirs to fetch, unless they sent those very bytes themselves.
 */
export async function photoWithheld(
	db: DB,
	user: User,
	hash: string,
	scopes: string[]
): Promise<boolean> {
	const withheld = await withheldFrom(db, user, scopes);
	if (withheld.size === 0) return false;
	const lists = await fieldOf(db, [...withheld], 'photoHashes');
	return [...lists.values()].some((list) => Array.isArray(list) && list.includes(hash));
}
