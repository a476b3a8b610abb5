import type { FieldbookDatabase, MetaEntry } from './database';
import {
	isClientId,
	isFiniteNumber,
	isHlcOrEmpty,
	isInstant,
	isPositiveInteger,
	isShaped,
	isBoolean,
	isString,
	isStringList,
	optional,
	orNull,
	type Check
} from './meta-value';

/*
 * The clear `meta` table, typed: the one list of its keys, each with the type of its value, a
 * hand-written check (meta-value.ts: no zod on the first page), what an absent value reads as,
 * and what a stored value that fails its check does. Only this module names a meta key: every
 * read and write of `meta` goes through getMeta/setMeta (eslint.config.js refuses `.meta`
 * anywhere outside src/lib/client/db).
 */

/** How the last sync attempt ended, kept across reloads (written by the sync runner). */
export interface SyncAttempt {
	at: string;
	ok: boolean;
	/** Plain words for the person when it failed. */
	message?: string;
}

/** The one survey a tablet in pupil mode shows (lock/pupil.svelte.ts). */
export interface PupilSurvey {
	auditId: string;
	activityId: string;
}

export interface MetaValues {
	/** This installation's id (device.ts); mirrored to idb-keyval. */
	clientId: string | null;
	/** The seq the next change takes. */
	nextSeq: number;
	/** The last stamp this device's clock gave or received. */
	hlc: string | null;
	/** The server's time minus this device's, after a clock-ahead refusal (restamp.ts). */
	clockOffsetMs: number;
	/** Where the next pull starts. */
	cursor: string | null;
	/** The newest stamp the server has taken from this device, and seen from others. */
	maxAckedHlc: string;
	maxRemoteHlc: string;
	/** When push and pull last both succeeded, and how the last attempt ended. */
	lastSync: string | null;
	lastAttempt: SyncAttempt | null;
	/** Photos named by pulled records, still to fetch. */
	photosWanted: string[];
	/** Pupil mode's survey while it is on. */
	pupilMode: PupilSurvey | null;
	/** Photos refused before `uploaded: 2` existed have been re-marked (photos.ts). */
	refusedPhotosMarked: boolean;
}

export type MetaKey = keyof MetaValues;

interface KeySpec<T> {
	check: Check<T>;
	/** What the key reads as when nothing is stored. */
	absent: T;
	/**
	 * A stored value failing its check: 'absent' reads it as absent (it only informs the
	 * person, or is fetched again); 'refuse' throws MetaDamaged, for counters and clocks that
	 * a guess would corrupt (a seq used twice, a clock going back, pupil mode lifted).
	 */
	damaged: 'absent' | 'refuse';
}

const spec: { [K in MetaKey]: KeySpec<MetaValues[K]> } = {
	clientId: { check: orNull(isClientId), absent: null, damaged: 'refuse' },
	nextSeq: { check: isPositiveInteger, absent: 1, damaged: 'refuse' },
	hlc: { check: orNull(isHlcOrEmpty), absent: null, damaged: 'refuse' },
	clockOffsetMs: { check: isFiniteNumber, absent: 0, damaged: 'absent' },
	cursor: { check: orNull(isString), absent: null, damaged: 'absent' },
	maxAckedHlc: { check: isHlcOrEmpty, absent: '', damaged: 'refuse' },
	maxRemoteHlc: { check: isHlcOrEmpty, absent: '', damaged: 'refuse' },
	lastSync: { check: orNull(isInstant), absent: null, damaged: 'absent' },
	lastAttempt: {
		check: orNull(
			isShaped<SyncAttempt>({ at: isString, ok: isBoolean, message: optional(isString) })
		),
		absent: null,
		damaged: 'absent'
	},
	photosWanted: { check: isStringList, absent: [], damaged: 'absent' },
	pupilMode: {
		check: orNull(isShaped<PupilSurvey>({ auditId: isString, activityId: isString })),
		absent: null,
		damaged: 'refuse'
	},
	// Damaged reads as not done: the pass only runs again, harmlessly.
	refusedPhotosMarked: { check: isBoolean, absent: false, damaged: 'absent' }
};

/** Every meta key, the one list. */
export const metaKeys = Object.keys(spec) as MetaKey[];

/** A stored meta value that fails its key's check where guessing would corrupt the device. */
export class MetaDamaged extends Error {
	constructor(
		readonly key: MetaKey,
		value: unknown
	) {
		super(
			`This tablet's stored ${key} is damaged (${describe(value)}). ` +
				'Nothing was changed; restore a backup or sign out and in again once it has synced.'
		);
		this.name = 'MetaDamaged';
	}
}

function describe(value: unknown): string {
	try {
		return JSON.stringify(value)?.slice(0, 60) ?? String(value);
	} catch {
		return typeof value;
	}
}

/** The value `stored` (a row's value, or undefined when absent) reads as under `key`. */
export function metaFrom<K extends MetaKey>(key: K, stored: unknown): MetaValues[K] {
	const { check, absent, damaged } = spec[key] as KeySpec<MetaValues[K]>;
	if (stored === undefined) return absent;
	if (check(stored)) return stored;
	if (damaged === 'absent') return absent;
	throw new MetaDamaged(key, stored);
}

export async function getMeta<K extends MetaKey>(
	db: FieldbookDatabase,
	key: K
): Promise<MetaValues[K]> {
	return metaFrom(key, (await db.meta.get(key))?.value);
}

/** Several values in one request, in the order asked. */
export async function getMetas<const K extends readonly MetaKey[]>(
	db: FieldbookDatabase,
	keys: K
): Promise<{ -readonly [I in keyof K]: MetaValues[K[I]] }> {
	const rows = await db.meta.bulkGet([...keys]);
	return keys.map((key, i) => metaFrom(key, rows[i]?.value)) as never;
}

function entry<K extends MetaKey>(key: K, value: MetaValues[K]): MetaEntry {
	// A value that fails its own check is a bug here, not damage: it is never stored.
	if (!(spec[key] as KeySpec<MetaValues[K]>).check(value))
		throw new TypeError(`Not a value for meta ${key}: ${describe(value)}`);
	return { key, value };
}

export async function setMeta<K extends MetaKey>(
	db: FieldbookDatabase,
	key: K,
	value: MetaValues[K]
): Promise<void> {
	await db.meta.put(entry(key, value));
}

/** Several values in one request (inside the caller's transaction, if any). */
export async function setMetas(db: FieldbookDatabase, values: Partial<MetaValues>): Promise<void> {
	const entries = (Object.keys(values) as MetaKey[]).map((key) =>
		entry(key, values[key] as MetaValues[typeof key])
	);
	await db.meta.bulkPut(entries);
}

export async function clearMeta(db: FieldbookDatabase, key: MetaKey): Promise<void> {
	await db.meta.delete(key);
}

/** The value held under `key` in a list of rows (a backup's `meta` table), read as getMeta does. */
export function metaIn<K extends MetaKey>(rows: MetaEntry[], key: K): MetaValues[K] {
	return metaFrom(key, rows.find((row) => row.key === key)?.value);
}
