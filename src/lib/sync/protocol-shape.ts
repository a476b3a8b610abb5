import { CLIENT_ID_PATTERN, HLC_PATTERN, parseHlc } from './hlc';

/*
 * The server's answers to a sync, checked by hand: the sync engine loads with the first sync,
 * after the first page is drawn, and carries no zod (issue 16). protocol.ts's zod schemas stay
 * the contract (DESIGN.md §6: the server parses with them, other clients are written from them);
 * tests/unit/protocol-shape.test.ts holds each check here to its schema, on the same values.
 * The limits live here, zod-free, and protocol.ts re-exports them.
 */

export const PROTOCOL_VERSION = 1;
export const MAX_BATCH_CHANGES = 500;
/** A device stops adding changes to a batch past this much JSON; one bigger change goes alone. */
export const MAX_BATCH_BYTES = 1_000_000;
export const quarantineReasons = ['invalid', 'forbidden', 'unknown-type'] as const;
type QuarantineReason = (typeof quarantineReasons)[number];

// zod's `uuidv7()` and `iso.datetime({ offset: true })`, as zod 4 builds them (the test compares).
export const UUID_V7_PATTERN =
	/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/;
export const ISO_DATETIME_OFFSET_PATTERN =
	/^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

type Obj = Record<string, unknown>;

/** What zod's `object()` takes: any object but an array. */
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** What zod's `record()` takes: a plain object. */
function isPlainObject(v: unknown): v is Obj {
	if (!isObject(v)) return false;
	const proto = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}
const isInt = (v: unknown, min: number): v is number =>
	Number.isSafeInteger(v) && (v as number) >= min;
const isText = (v: unknown, min: number, max: number): v is string =>
	typeof v === 'string' && v.length >= min && v.length <= max;
const isHlc = (v: unknown): v is string =>
	typeof v === 'string' && HLC_PATTERN.test(v) && parseHlc(v) !== null;
const isServerTime = (v: unknown): v is string =>
	typeof v === 'string' && ISO_DATETIME_OFFSET_PATTERN.test(v);

export interface ChangeShape {
	clientId: string;
	seq: number;
	type: string;
	recordId: string;
	scope: string;
	fields: Record<string, unknown>;
	hlc: string;
	base?: Record<string, string> | null;
}

export interface PulledChangeShape extends ChangeShape {
	serverSeq: number;
	author: string;
}

/**
 * What zod's `record()` makes of a plain object: its own enumerable string keys, each checked,
 * but "__proto__" left out (zod drops it, so that it cannot set the copy's prototype), or null.
 */
function asRecord(v: unknown, key: (k: string) => boolean, value: (v: unknown) => boolean) {
	if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return null;
	const copy: Obj = {};
	for (const k of Object.keys(v)) {
		if (k === '__proto__') continue;
		if (!key(k) || !value(v[k])) return null;
		copy[k] = v[k];
	}
	return copy;
}

function asFields(v: unknown): Record<string, unknown> | null {
	const fields = asRecord(
		v,
		(k) => isText(k, 1, 60),
		() => true
	);
	return fields && Object.keys(fields).length > 0 ? fields : null;
}

function asBase(v: unknown): Record<string, string> | null | undefined | false {
	if (v === null || v === undefined) return v;
	const base = asRecord(v, () => true, isHlc);
	return base ? (base as Record<string, string>) : false;
}

/**
 * One change as `changeSchema` takes it, or null. The server checks each pushed change with
 * it first (2,000 in a day's push, issue 16) and asks zod only about one this refuses, for
 * the reason to quarantine it with.
 */
export function asChange(v: unknown): ChangeShape | null {
	if (!isObject(v)) return null;
	const { clientId, seq, type, recordId, scope, hlc } = v;
	if (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId)) return null;
	if (!isInt(seq, 1) || !isText(type, 1, 40)) return null;
	if (typeof recordId !== 'string' || !UUID_V7_PATTERN.test(recordId)) return null;
	if (!isText(scope, 1, 60) || !isHlc(hlc)) return null;
	const fields = asFields(v.fields);
	const base = asBase(v.base);
	if (fields === null || base === false) return null;
	const change: ChangeShape = { clientId, seq, type, recordId, scope, fields, hlc };
	if ('base' in v) change.base = base;
	return change;
}

function asPulledChange(v: unknown): PulledChangeShape | null {
	const change = asChange(v);
	if (!change) return null;
	const { serverSeq, author } = v as Obj;
	if (!isInt(serverSeq, 1) || typeof author !== 'string') return null;
	return { ...change, serverSeq, author };
}

/** A pull's page (`pullResponseSchema`), or null. */
export function asPullResponse(v: unknown): {
	changes: PulledChangeShape[];
	cursor: string;
	more: boolean;
	revokedScopes: string[];
} | null {
	if (!isObject(v) || !Array.isArray(v.changes)) return null;
	const { cursor, more, revokedScopes } = v;
	if (typeof cursor !== 'string' || typeof more !== 'boolean') return null;
	if (!Array.isArray(revokedScopes) || !revokedScopes.every((s) => typeof s === 'string'))
		return null;
	const changes: PulledChangeShape[] = [];
	for (const raw of v.changes) {
		const change = asPulledChange(raw);
		if (!change) return null;
		changes.push(change);
	}
	return { changes, cursor, more, revokedScopes: [...revokedScopes] };
}

/** A push's answer (`pushResponseSchema`), or null. */
export function asPushResponse(v: unknown): {
	lastProcessedSeq: number;
	quarantined: { seq: number; reason: QuarantineReason; detail: string }[];
	conflicts: number;
	serverTime: string;
} | null {
	if (!isObject(v) || !Array.isArray(v.quarantined)) return null;
	const { lastProcessedSeq, conflicts, serverTime } = v;
	if (!isInt(lastProcessedSeq, 0) || !isInt(conflicts, 0) || !isServerTime(serverTime)) return null;
	const quarantined = [];
	for (const q of v.quarantined) {
		if (!isObject(q) || !isInt(q.seq, 1) || typeof q.detail !== 'string') return null;
		if (!(quarantineReasons as readonly unknown[]).includes(q.reason)) return null;
		quarantined.push({ seq: q.seq, reason: q.reason as QuarantineReason, detail: q.detail });
	}
	return { lastProcessedSeq, quarantined, conflicts, serverTime };
}

/** HTTP 409's answer (`clockAheadResponseSchema`), or null. */
export function asClockAheadResponse(
	v: unknown
): { error: 'clock-ahead'; lastProcessedSeq: number; serverTime: string } | null {
	if (!isObject(v) || v.error !== 'clock-ahead') return null;
	const { lastProcessedSeq, serverTime } = v;
	if (!isInt(lastProcessedSeq, 0) || !isServerTime(serverTime)) return null;
	return { error: 'clock-ahead', lastProcessedSeq, serverTime };
}
