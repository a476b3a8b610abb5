import type { FieldbookDatabase, MetaEntry } from './database';
import { counterRowWritten } from './counter-guess';
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

/*
 * The write path's counters (nextSeq, hlc, clockOffsetMs) are held in ONE row, `counters`, whose
 * value holds each under its own name: a save reads and writes one row instead of three
 * (issue 16: each request of a save's transaction costs about as much as the commit it waits
 * for). Stored as separate rows before version 6 of the database, which moves them
 * (database.ts); a backup in either layout reads the same (metaIn, inCurrentLayout). Everywhere
 * else they read and are set as any other key.
 */

/** The row holding the counters, and the keys it holds. */
export const COUNTERS_ROW = 'counters';
export const counterKeys = ['nextSeq', 'hlc', 'clockOffsetMs'] as const satisfies MetaKey[];
type CounterKey = (typeof counterKeys)[number];
export const isCounter = (key: string): key is CounterKey =>
	(counterKeys as readonly string[]).includes(key);

/** The row a key is stored in. */
const rowOf = (key: MetaKey): string => (isCounter(key) ? COUNTERS_ROW : key);

/**
 * What the counters row holds under `key` (undefined: absent). A row value that is not an object
 * is damage, read as the value of each counter (a seq or clock then refuses, as metaFrom says).
 */
export function inCounters(value: unknown, key: CounterKey): unknown {
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	return (value as Record<string, unknown>)[key];
}

/** The value `key` holds in the stored row of its own (rowOf): undefined when absent. */
const storedIn = (key: MetaKey, row: MetaEntry | undefined): unknown =>
	isCounter(key) ? inCounters(row?.value, key) : row?.value;

/** The three counters as stored in one row's value, read as getMetas reads them. */
export function countersFrom(row: MetaEntry | undefined): Pick<MetaValues, CounterKey> {
	return {
		nextSeq: metaFrom('nextSeq', storedIn('nextSeq', row)),
		hlc: metaFrom('hlc', storedIn('hlc', row)),
		clockOffsetMs: metaFrom('clockOffsetMs', storedIn('clockOffsetMs', row))
	};
}

/** The counters row holding `values` (each checked: a wrong shape is a bug, never stored). */
export function countersEntry(values: Pick<MetaValues, CounterKey>): MetaEntry {
	const value: Record<string, unknown> = {};
	for (const key of counterKeys) value[key] = entry(key, values[key]).value;
	return { key: COUNTERS_ROW, value };
}

export async function getMeta<K extends MetaKey>(
	db: FieldbookDatabase,
	key: K
): Promise<MetaValues[K]> {
	return metaFrom(key, storedIn(key, await db.meta.get(rowOf(key))));
}

/** Several values in one request, in the order asked. */
export async function getMetas<const K extends readonly MetaKey[]>(
	db: FieldbookDatabase,
	keys: K
): Promise<{ -readonly [I in keyof K]: MetaValues[K[I]] }> {
	const rowKeys = [...new Set(keys.map(rowOf))];
	const rows = await db.meta.bulkGet(rowKeys);
	const byKey = new Map(rowKeys.map((k, i) => [k, rows[i]]));
	return keys.map((key) => metaFrom(key, storedIn(key, byKey.get(rowOf(key))))) as never;
}

/** The row storing `key` (not a counter) as `value`, checked as setMetas checks it. */
export function entry<K extends MetaKey>(key: K, value: MetaValues[K]): MetaEntry {
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
	await setMetas(db, { [key]: value } as Partial<MetaValues>);
}

/**
 * Several values in one request (inside the caller's transaction, if any). A counter set alone
 * is written into the counters row as read in the same transaction, the others kept as stored.
 */
export async function setMetas(db: FieldbookDatabase, values: Partial<MetaValues>): Promise<void> {
	const keys = Object.keys(values) as MetaKey[];
	const entries = keys.map((key) => entry(key, values[key] as MetaValues[typeof key]));
	const plain = entries.filter((e) => !isCounter(e.key));
	const counters = entries.filter((e) => isCounter(e.key));
	if (counters.length === 0) {
		await db.meta.bulkPut(plain);
		return;
	}
	const row = await db.transaction('rw', db.meta, async () => {
		const held = (await db.meta.get(COUNTERS_ROW))?.value;
		const value = countersCopy(held);
		for (const e of counters) value[e.key] = e.value;
		const row = { key: COUNTERS_ROW, value };
		await db.meta.bulkPut([...plain, row]);
		return row;
	});
	countersWritten(db, row);
}

/** A counters row this tab committed: its next save stamps from it (counter-guess.ts). */
export const countersWritten = (db: FieldbookDatabase, row: MetaEntry) =>
	counterRowWritten(db, guessFrom(row));

/** The counters a written row holds, as a save's guess; null when they do not read. */
function guessFrom(row: MetaEntry) {
	try {
		const { nextSeq, hlc, clockOffsetMs } = countersFrom(row);
		return { nextSeq, hlc, offsetMs: clockOffsetMs };
	} catch {
		return null;
	}
}

/** A copy of the counters row's value to set counters in (a damaged value: none kept). */
export function countersCopy(held: unknown): Record<string, unknown> {
	return typeof held === 'object' && held !== null && !Array.isArray(held) ? { ...held } : {};
}

export async function clearMeta(db: FieldbookDatabase, key: MetaKey): Promise<void> {
	if (!isCounter(key)) {
		await db.meta.delete(key);
		return;
	}
	await db.transaction('rw', db.meta, async () => {
		const held = (await db.meta.get(COUNTERS_ROW))?.value;
		if (typeof held !== 'object' || held === null || Array.isArray(held)) return;
		const value: Record<string, unknown> = { ...held };
		delete value[key];
		await db.meta.put({ key: COUNTERS_ROW, value });
	});
}
