import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { sealingMiddleware, type SealingRules } from './sealing';
import { Vault } from './vault';
import { counterKeys } from './meta';
import { metaInCurrentLayout } from './meta-rows';
import type { RecordType } from '$lib/domain/record-type';
import type { Change, QuarantineReason } from '$lib/sync/protocol';

/** A synced record on this device: its fields, and per field the HLC and author of its last write. */
export interface LocalRecord {
	id: string;
	type: RecordType;
	scope: string;
	values: Record<string, unknown>;
	hlcs: Record<string, string>;
	authors: Record<string, string>;
	/** 1 once the tombstone is set: an index cannot hold booleans. */
	deleted: 0 | 1;
}

/** One change waiting to be pushed, keyed by its `seq`. */
export interface OutboxEntry {
	seq: number;
	change: Change;
}

export interface QuarantinedChange {
	seq: number;
	reason: QuarantineReason;
	change: Change;
	at: string;
}

/**
 * A photo's bytes, stored once under their SHA-256 (the address records name it by). Bytes are
 * an ArrayBuffer, not a Blob: WebKit loses Blobs stored in IndexedDB.
 */
export interface StoredPhoto {
	hash: string;
	bytes: ArrayBuffer;
	type: string;
	size: number;
	/**
	 * 0 while it waits to upload, 1 once the server has it, 2 when the server refused it for good
	 * (an index cannot hold booleans). Indexed and clear, so the badge counts what waits without
	 * opening a photo; rows kept before 2 existed are re-marked at unlock (markRefusedPhotos).
	 */
	uploaded: 0 | 1 | 2;
	/** Why the server refused it for good (too large, wrong type): shown, never retried. */
	refused?: string;
	storedAt: string;
}

/**
 * A form's input not yet saved as a record (what is typed, chosen and photographed), under a key
 * naming the form and its activity. Device-only: never synced, never in the outbox.
 */
export interface StoredDraft {
	key: string;
	values: Record<string, unknown>;
	keptAt: string;
}

/**
 * The data key, wrapped twice (lock/keyring.ts): by a key derived from the passphrase and by
 * the user's key on the server. Ciphertext and public parameters only, so it stays in the clear.
 */
export interface KeyringEntry {
	id: 'dataKey';
	salt: Uint8Array;
	iterations: number;
	byPassphrase: { iv: Uint8Array; wrapped: ArrayBuffer };
	byServer: { iv: Uint8Array; wrapped: ArrayBuffer };
	/** Wrong passphrases in a row, and when the next try is allowed (epoch ms). */
	failures: number;
	nextTryAt: number;
	/** Set once every row written before encryption has been sealed. */
	sealedAll: boolean;
}

/** Small sync state: next seq, last HLC, pull cursor, last successes. */
export interface MetaEntry {
	key: string;
	value: unknown;
}

/**
 * What stays in the clear (see sealing.ts): every other table is sealed, a new one included,
 * apart from the fields its indexes name. `meta` holds sync counters, the clock and the pull
 * cursor; `keyring` the data key wrapped by the passphrase and by the server's key.
 */
export const sealingRules: SealingRules = {
	clearTables: new Set(['meta', 'keyring']),
	lifted: {
		// The capture screen finds an activity's notes by this index (version 3); its value is
		// an id, so it can stand outside the sealed values.
		records: {
			activityId: (row) => {
				const id = (row.values as Record<string, unknown> | undefined)?.activityId;
				return typeof id === 'string' ? id : undefined;
			}
		}
	}
};

/**
 * The one door to the device's IndexedDB (STYLE.md). Old versions stay; a change of shape is a
 * new version(n) with .upgrade().
 */
export class FieldbookDatabase extends Dexie {
	records!: EntityTable<LocalRecord, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	quarantine!: EntityTable<QuarantinedChange, 'seq'>;
	meta!: EntityTable<MetaEntry, 'key'>;
	photos!: EntityTable<StoredPhoto, 'hash'>;
	drafts!: EntityTable<StoredDraft, 'key'>;
	keyring!: EntityTable<KeyringEntry, 'id'>;
	/** The data key while unlocked; sealed tables cannot be read or written without it. */
	readonly vault: Vault;
	/** What a readwrite transaction waits for before it resolves (write path, commit-ahead.ts). */
	readonly durability: IDBTransactionDurability;

	constructor(name = 'fieldbook', options: DexieOptions = {}, vault = new Vault()) {
		// 'strict': a transaction resolves only once the data is on disk, so a note the advisor
		// saw saved survives the tablet being switched off a moment later.
		// No live-query cache: at each commit it re-ran the live queries it held at once, in the
		// commit's own task, before the saved note could be drawn, and it copied every answer
		// (issue 16: capture_visible_ms); a live query now re-reads when the commit is announced.
		super(name, { chromeTransactionDurability: 'strict', cache: 'disabled', ...options });
		this.durability = options.chromeTransactionDurability ?? 'strict';
		this.version(1).stores({
			records: 'id, [type+scope], scope',
			outbox: 'seq',
			quarantine: 'seq',
			meta: 'key'
		});
		// Photos wait in their own table: records name them, and they upload before those do.
		this.version(2).stores({ photos: 'hash, uploaded' });
		// A capture screen lists one activity's notes: read those, not every note of the audit.
		this.version(3).stores({ records: 'id, [type+scope], scope, values.activityId' });
		// What is typed waits here as it is typed, so a reload, a crash or the lock loses nothing.
		this.version(4).stores({ drafts: 'key' });
		// Encryption at rest (issue 13): `values` is sealed, so the activity index moves to a
		// top-level field the sealing middleware fills in; the first unlock seals older rows.
		// Drafts are sealed like every table not declared clear.
		this.version(5).stores({
			records: 'id, [type+scope], scope, activityId',
			keyring: 'id'
		});
		// The write path's counters (seq, clock, clock offset) in one meta row (issue 16: a save
		// reads and writes one row, not three), moved as they are (meta.ts).
		this.version(6)
			.stores({})
			.upgrade(async (tx) => {
				const meta = tx.table<MetaEntry, string>('meta');
				const apart = (await meta.bulkGet([...counterKeys])).filter((r) => r !== undefined);
				if (apart.length === 0) return;
				await meta.bulkDelete([...counterKeys]);
				await meta.bulkPut(metaInCurrentLayout(apart));
			});
		this.vault = vault;
		this.use(sealingMiddleware(vault, sealingRules));
	}
}
