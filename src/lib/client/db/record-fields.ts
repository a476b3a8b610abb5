import { isRecordType } from '$lib/domain/record-type-names';
import { mergeField, type FieldState } from '$lib/sync/field-rule';
import { compareHlc } from '$lib/sync/hlc';
import type { PulledChange } from '$lib/sync/protocol';
import type { LocalRecord } from './database';

/** A record's stored field as the rule sees it; own properties only ("constructor" is a field name). */
function fieldOf(record: LocalRecord, field: string): FieldState | undefined {
	if (!Object.hasOwn(record.hlcs, field)) return undefined;
	return { value: record.values[field], hlc: record.hlcs[field]!, author: record.authors[field]! };
}

/**
 * Merges one write into a record on this device with the per-field rule the server uses
 * (sync/field-rule.ts), in place, and says whether any field took it. `seen` is the stamp per
 * field the writer had seen; the device never records text conflicts (the server does, as
 * records that sync back), so only the taking matters here.
 */
export function mergeIntoRecord(
	record: LocalRecord,
	fields: Record<string, unknown>,
	hlc: string,
	author: string
): boolean {
	let took = false;
	for (const [field, value] of Object.entries(fields)) {
		const stored = fieldOf(record, field);
		if (!mergeField(stored, { value, hlc, author }, stored?.hlc, false).take) continue;
		record.values[field] = value;
		record.hlcs[field] = hlc;
		record.authors[field] = author;
		took = true;
	}
	record.deleted = record.values.deleted === true ? 1 : 0;
	return took;
}

/** An empty record of a type and scope, before its first write is merged in. */
export function newRecord(id: string, type: LocalRecord['type'], scope: string): LocalRecord {
	return { id, type, scope, values: {}, hlcs: {}, authors: {}, deleted: 0 };
}

/**
 * A pulled page's two stamps, for either way of applying it (apply.ts, pull-ahead.ts): the
 * newest of the changes of a type this app knows, which the clock takes in once rather than
 * every stamp in turn; and the newest seen from other devices, over `heldRemote`
 * (maxRemoteHlc: a re-stamp after clock-ahead must order after it).
 */
export function pageStamps(
	changes: readonly PulledChange[],
	clientId: string,
	heldRemote: string
): { newest: string; newestRemote: string } {
	let newest = '';
	let newestRemote = heldRemote;
	for (const change of changes) {
		if (change.clientId !== clientId && compareHlc(change.hlc, newestRemote) > 0)
			newestRemote = change.hlc;
		if (isRecordType(change.type) && compareHlc(change.hlc, newest) > 0) newest = change.hlc;
	}
	return { newest, newestRemote };
}
