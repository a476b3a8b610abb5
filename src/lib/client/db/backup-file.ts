import { z } from 'zod';
import { JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
import { recordTypeSchema } from '$lib/domain/record-type';
import { clientIdSchema, hlcSchema } from '$lib/sync/hlc-schema';
import { changeSchema, quarantineReasonSchema } from '$lib/sync/protocol';
import type {
	LocalRecord,
	MetaEntry,
	OutboxEntry,
	QuarantinedChange,
	StoredDraft,
	StoredPhoto
} from './database';
import type { MetaKey } from './meta';
import { storedValueIn } from './meta-rows';
import { sha256Hex } from './photos';

/*
 * Reading a backup file: dexie-export-import's JSON format ("dexie", version 1), checked row by
 * row before anything on the device is touched. A file is imported whole or not at all.
 */

/** Not a Fieldbook backup, or a damaged one. Nothing on the device was changed. */
export class UnreadableBackup extends Error {}

const exportSchema = z.object({
	formatName: z.literal('dexie'),
	formatVersion: z.literal(1),
	data: z.object({
		databaseName: z.string(),
		databaseVersion: z.number(),
		data: z.array(z.object({ tableName: z.string(), rows: z.array(z.unknown()) }))
	})
});

const flag = z.union([z.literal(0), z.literal(1)]);
const rowSchemas = {
	records: z.object({
		id: z.string().min(1),
		type: recordTypeSchema,
		scope: z.string().min(1),
		values: z.record(z.string(), z.unknown()),
		hlcs: z.record(z.string(), hlcSchema),
		authors: z.record(z.string(), z.string()),
		deleted: flag
	}) satisfies z.ZodType<LocalRecord>,
	outbox: z
		.object({ seq: z.int().min(1), change: changeSchema })
		.refine(
			(e) => e.change.seq === e.seq,
			'an outbox entry carries its own seq'
		) satisfies z.ZodType<OutboxEntry>,
	quarantine: z.object({
		seq: z.int().min(1),
		reason: quarantineReasonSchema,
		change: changeSchema,
		at: z.string()
	}) satisfies z.ZodType<QuarantinedChange>,
	meta: z.object({ key: z.string().min(1), value: z.unknown() }) satisfies z.ZodType<MetaEntry>,
	photos: z.object({
		hash: z.string().regex(/^[0-9a-f]{64}$/),
		bytes: z.instanceof(ArrayBuffer),
		type: z.string(),
		size: z.int().min(0),
		// 2: refused for good (a backup made before 2 existed holds 0 with a reason).
		uploaded: z.union([z.literal(0), z.literal(1), z.literal(2)]),
		refused: z.string().optional(),
		storedAt: z.string()
	}) satisfies z.ZodType<StoredPhoto>,
	drafts: z.object({
		key: z.string().min(1),
		values: z.record(z.string(), z.unknown()),
		keptAt: z.string()
	}) satisfies z.ZodType<StoredDraft>
};
type Tables = { [name in keyof typeof rowSchemas]: z.infer<(typeof rowSchemas)[name]>[] };

export interface BackupContents extends Tables {
	userId: string;
	clientId: string;
	nextSeq: number;
}

const damaged = (detail: string) =>
	new UnreadableBackup(`This backup file is damaged (${detail}). Nothing was restored.`);

/** Checks and decodes a backup file made by exportBackup; throws UnreadableBackup. */
export async function readBackup(file: Blob, currentVersion: number): Promise<BackupContents> {
	let parsed: z.infer<typeof exportSchema>;
	try {
		parsed = exportSchema.parse(JSON.parse(await file.text()));
	} catch {
		throw new UnreadableBackup(
			'This file is not a Fieldbook backup. Choose a file made with “Download a backup”.'
		);
	}
	const { databaseName, databaseVersion, data } = parsed.data;
	const owner = /^fieldbook-(.+)$/.exec(databaseName);
	if (!owner) throw new UnreadableBackup('This file is a backup of another app, not Fieldbook.');
	if (databaseVersion > currentVersion)
		throw new UnreadableBackup(
			'This backup was made by a newer version of Fieldbook. Update the app, then restore it.'
		);
	const tables = {
		records: [],
		outbox: [],
		quarantine: [],
		meta: [],
		photos: [],
		drafts: []
	} as Tables;
	for (const { tableName, rows } of data) {
		// The device's wrapped keys never travel in a backup (the file is sealed on its own).
		if (tableName === 'keyring') continue;
		if (!(tableName in rowSchemas)) throw damaged(`unknown table “${tableName}”`);
		const name = tableName as keyof Tables;
		const schema: z.ZodType = rowSchemas[name];
		tables[name] = rows.map((row, i) => {
			// Bounded like anything the server accepts, so that whatever is restored can always be
			// synced and exported again (photo rows hold bytes, checked by their own schema).
			const tooBig = name === 'photos' ? null : jsonProblem(row, JSON_LIMITS.importRow);
			if (tooBig) throw damaged(`${name}, row ${i + 1}: ${tooBig}`);
			const checked = schema.safeParse(revive(row));
			if (!checked.success)
				throw damaged(`${name}, row ${i + 1}: ${checked.error.issues[0]?.message}`);
			return checked.data as never;
		});
	}
	return { ...tables, userId: owner[1]!, ...(await checkConsistent(tables)) };
}

/** The parts must fit together: one clientId, seqs below the counter, photos matching their hash. */
async function checkConsistent(tables: Tables) {
	// Read with zod, not meta.ts's checks: a bad value here is a damaged file, said as such.
	// In either layout: a backup made before version 6 holds each counter in a row of its own.
	const stored = (key: MetaKey) => storedValueIn(tables.meta, key);
	const clientId = clientIdSchema.safeParse(stored('clientId'));
	if (!clientId.success) throw damaged('no device id');
	const nextSeq = z
		.int()
		.min(1)
		.safeParse(stored('nextSeq') ?? 1);
	if (!nextSeq.success) throw damaged('no change counter');
	for (const { seq, change } of [...tables.outbox, ...tables.quarantine]) {
		if (change.clientId !== clientId.data || seq >= nextSeq.data)
			throw damaged(`change ${seq} does not belong to this backup`);
	}
	for (const photo of tables.photos) {
		if (photo.size !== photo.bytes.byteLength || (await sha256Hex(photo.bytes)) !== photo.hash)
			throw damaged('a photo’s bytes do not match it');
	}
	return { clientId: clientId.data, nextSeq: nextSeq.data };
}

/**
 * Undoes dexie-export-import's typeson encoding for what our rows can hold: ArrayBuffers (photo
 * bytes, as base64), undefined properties, and arrays (typeson marks every array, in case one
 * has non-index keys; ours never do, so each must still be an array). Anything else is refused.
 */
function revive(row: unknown): unknown {
	if (!isObject(row) || !('$types' in row)) return row;
	const { $types, ...value } = row;
	const types = z
		.record(z.string(), z.enum(['arraybuffer', 'undef', 'arrayNonindexKeys']))
		.safeParse($types);
	if (!types.success) throw damaged('a value of an unknown kind');
	for (const [path, type] of Object.entries(types.data)) {
		const keys = path.split('.').map((k) => k.replaceAll('~1', '.').replaceAll('~0', '~'));
		const last = keys.pop()!;
		let holder: unknown = value;
		for (const key of keys) holder = isObject(holder) ? holder[key] : undefined;
		if (!isObject(holder)) throw damaged('a misplaced value');
		if (type === 'undef') delete holder[last];
		else if (type === 'arraybuffer') holder[last] = decodeBase64(holder[last]);
		else if (!Array.isArray(holder[last])) throw damaged('a list that is not one');
	}
	return value;
}

function decodeBase64(text: unknown): ArrayBuffer {
	try {
		if (typeof text !== 'string') throw new TypeError('not text');
		return Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
	} catch {
		throw damaged('a photo that cannot be decoded');
	}
}

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
