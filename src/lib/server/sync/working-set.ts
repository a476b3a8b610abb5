import type { User } from '$lib/domain/user';
import type { RecordState } from '$lib/sync/merge';
import type { DB } from '../db';
import { logPosition } from '../db/engine';
import {
	appendLogs,
	existingRecords,
	firstAuthor,
	flagsOf,
	grantScopes,
	loadRecords,
	memberOf,
	quarantine,
	recordNames,
	replaceFlags,
	saveRecords,
	setAuditMembers,
	touchedSince,
	uploadedBy,
	type FieldRow,
	type FlagRow,
	type LogEntry,
	type QuarantineEntry,
	type StoredRecord
} from './store';

/**
 * One push batch's view of the database (issue 16): read up front in a few queries, changed in
 * memory change by change, written in multi-row statements by `flush` before the batch commits.
 *
 * Every change sees what the changes before it in the batch did, exactly as if each had been
 * written before the next was read: a record created then edited, an audit created then
 * records in it, a member added then writing, a record flagged then refused to others. What
 * the batch did not read up front (an id it could not see in an unparsed change) is read on
 * first use and kept.
 */
export class WorkingSet {
	/** The records as the batch has left them so far; null: no such record. */
	readonly #records = new Map<string, StoredRecord | null>();
	/** Whether the pushing user is a member of each audit, as the batch has left it. */
	readonly #member = new Map<string, boolean>();
	/** The safeguarding flag of each record, as the batch has left it; null: none. */
	readonly #flags = new Map<string, FlagRow | null>();

	readonly #log: { entry: LogEntry; author: string }[] = [];
	readonly #created = new Map<string, { id: string; type: string; scope: string }>();
	/** Per record, the fields the batch wrote: their last write is saved, once each. */
	readonly #written = new Map<string, Set<string>>();
	readonly #audits = new Map<string, { members: string[]; named: Set<string> }>();
	readonly #flagged = new Set<string>();
	readonly #names: { hash: string; scope: string }[] = [];
	readonly #quarantined: QuarantineEntry[] = [];
	/** The log's counter before the batch read anything (null on SQLite). */
	#position: number | null = null;

	private constructor(
		private readonly db: DB,
		readonly user: User,
		readonly now: number
	) {}

	/**
	 * Reads what these changes will touch: their records and scopes with all stored fields, the
	 * user's membership of those audits, and the flags of those records and of the records
	 * their stored conflicts concern. `changes` are as received: whatever does not look like a
	 * change is skipped here, and quarantined by the caller. Runs before the log's lock: what
	 * pushes commit meanwhile is read again by `catchUp`.
	 */
	static async open(db: DB, user: User, changes: unknown[], now: number): Promise<WorkingSet> {
		const set = new WorkingSet(db, user, now);
		set.#position = await logPosition(db);
		const ids = new Set<string>();
		const scopes = new Set<string>();
		for (const raw of changes) {
			if (typeof raw !== 'object' || raw === null) continue;
			const { recordId, scope } = raw as { recordId?: unknown; scope?: unknown };
			if (typeof recordId === 'string') ids.add(recordId);
			if (typeof scope === 'string' && scope !== 'org') scopes.add(scope);
		}
		const wanted = [...new Set([...ids, ...scopes])];
		const records = await loadRecords(db, wanted);
		for (const id of wanted) set.#records.set(id, records.get(id) ?? null);
		if (user.role === 'admin') return set; // admins need neither membership nor flags
		const audits = [...scopes, ...[...ids].filter((id) => records.get(id)?.type === 'audit')];
		const member = await memberOf(db, user.id, audits);
		for (const id of audits) set.#member.set(id, member.has(id));
		const subjects = [...records.values()]
			.filter((r) => r.type === 'conflict' && typeof r.state.recordId?.value === 'string')
			.map((r) => r.state.recordId!.value as string);
		const flagged = [...new Set([...ids, ...subjects])];
		const flags = new Map((await flagsOf(db, flagged)).map((f) => [f.record_id, f]));
		for (const id of flagged) set.#flags.set(id, flags.get(id) ?? null);
		return set;
	}

	/**
	 * Under the log's lock, with the counter as the lock found it: reads again what pushes that
	 * committed since `open` changed of what it read, so that every change is merged with, and
	 * its rights checked against, what is committed now. Only pushes write records, fields,
	 * members and flags, and every write of theirs is logged under the record it is about, in
	 * that record's scope (an audit's members under the audit, a flag under its record, in the
	 * scope of the conflicts that name it): the log entries since `open` in the scopes of the
	 * records read name everything that can have changed; an id read as absent is looked up
	 * again, in case another push created it. What was not read in `open` is read later, under
	 * the lock, when first used.
	 */
	async catchUp(position: number | null) {
		const since = this.#position;
		if (position === null || since === null || position === since) return;
		const scopes = new Set<string>();
		const absent: string[] = [];
		for (const [id, record] of this.#records) {
			if (record) scopes.add(record.scope);
			else absent.push(id);
		}
		const touched = await touchedSince(this.db, since, [...scopes]);
		for (const id of await existingRecords(this.db, absent)) touched.add(id);
		this.#position = position;
		const again = (keys: Iterable<string>) => [...keys].filter((id) => touched.has(id));
		const records = again(this.#records.keys());
		const fresh = await loadRecords(this.db, records);
		for (const id of records) this.#records.set(id, fresh.get(id) ?? null);
		const audits = again(this.#member.keys());
		const member = await memberOf(this.db, this.user.id, audits);
		for (const id of audits) this.#member.set(id, member.has(id));
		const flagged = again(this.#flags.keys());
		const flags = new Map((await flagsOf(this.db, flagged)).map((f) => [f.record_id, f]));
		for (const id of flagged) this.#flags.set(id, flags.get(id) ?? null);
	}

	/** A record as the batch has left it so far, or null when there is none. */
	async record(id: string): Promise<StoredRecord | null> {
		if (!this.#records.has(id))
			this.#records.set(id, (await loadRecords(this.db, [id])).get(id) ?? null);
		return this.#records.get(id)!;
	}

	/** Whether the pushing user is a member of this audit now (not removed). */
	async isMember(auditId: string): Promise<boolean> {
		if (!this.#member.has(auditId)) {
			const member = await memberOf(this.db, this.user.id, [auditId]);
			this.#member.set(auditId, member.has(auditId));
		}
		return this.#member.get(auditId)!;
	}

	async flag(recordId: string): Promise<FlagRow | null> {
		if (!this.#flags.has(recordId)) {
			const [flag] = await flagsOf(this.db, [recordId]);
			this.#flags.set(recordId, flag ?? null);
		}
		return this.#flags.get(recordId)!;
	}

	/** Who wrote a record: the author of its first log entry before this batch. */
	firstAuthor(recordId: string, scope: string): Promise<string | undefined> {
		return firstAuthor(this.db, recordId, scope);
	}

	/** Logs an accepted change (or a conflict the server made), by the pushing user, in order. */
	log(entry: LogEntry) {
		this.#log.push({ entry, author: this.user.id });
	}

	/** Keeps a record's merged state; the fields in `taken` are written at the flush. */
	save(id: string, record: { type: string; scope: string }, state: RecordState, taken: string[]) {
		const before = this.#records.get(id);
		if (!before) this.#created.set(id, { id, ...record });
		this.#records.set(id, {
			type: before?.type ?? record.type,
			scope: before?.scope ?? record.scope,
			state
		});
		let written = this.#written.get(id);
		if (!written) this.#written.set(id, (written = new Set()));
		for (const field of taken) written.add(field);
	}

	/** An audit's members are now this list. */
	setMembers(auditId: string, members: string[]) {
		const audit = this.#audits.get(auditId) ?? { members, named: new Set<string>() };
		audit.members = members;
		for (const id of members) audit.named.add(id);
		this.#audits.set(auditId, audit);
		this.#member.set(auditId, members.includes(this.user.id));
	}

	/** A record's safeguarding flag is now this one (null: none). */
	setFlag(recordId: string, flag: FlagRow | null) {
		this.#flags.set(recordId, flag);
		this.#flagged.add(recordId);
	}

	/** The user's accepted record in `scope` names these photos. */
	namePhotos(scope: string, hashes: string[]) {
		for (const hash of hashes) this.#names.push({ hash, scope });
	}

	quarantine(entry: QuarantineEntry) {
		this.#quarantined.push(entry);
	}

	/** Writes everything the batch did, inside its transaction; the batch then commits. */
	async flush() {
		const { db, now } = this;
		await appendLogs(db, this.#log, now);
		const fields: FieldRow[] = [];
		for (const [recordId, written] of this.#written) {
			const state = this.#records.get(recordId)!.state;
			for (const field of written) fields.push({ recordId, field, state: state[field]! });
		}
		await saveRecords(db, [...this.#created.values()], fields, now);
		const audits = [...this.#audits].map(([auditId, a]) => ({ auditId, ...a }));
		await setAuditMembers(db, audits, now);
		if (this.#flagged.size > 0) {
			const flags = [...this.#flagged].map((id) => this.#flags.get(id)).filter((f) => !!f);
			await replaceFlags(db, [...this.#flagged], flags);
		}
		if (this.#names.length > 0) {
			const userId = this.user.id;
			await recordNames(db, userId, this.#names);
			const sent = new Set(
				await uploadedBy(
					db,
					userId,
					this.#names.map((n) => n.hash)
				)
			);
			await grantScopes(
				db,
				userId,
				this.#names.filter((n) => sent.has(n.hash)),
				now
			);
		}
		await quarantine(db, this.#quarantined);
	}
}
