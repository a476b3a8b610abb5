import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from '../domain/common';
import { JSON_LIMITS } from '../domain/json-bounds';
import { clientIdSchema, hlcSchema } from './hlc-schema';
import {
	MAX_BATCH_BYTES,
	MAX_BATCH_CHANGES,
	PROTOCOL_VERSION,
	quarantineReasons
} from './protocol-shape';

/*
 * The sync wire format, v1 (DESIGN.md §6). Both the device's sync engine and the API routes
 * import these schemas; other clients are written from §6 alone, so nothing here may drift.
 */
export { MAX_BATCH_BYTES, MAX_BATCH_CHANGES, PROTOCOL_VERSION, quarantineReasons };
/** Request bodies over this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = JSON_LIMITS.body.chars;

export const quarantineReasonSchema = z.enum(quarantineReasons);
export type QuarantineReason = z.infer<typeof quarantineReasonSchema>;

export const changeSchema = z.object({
	clientId: clientIdSchema,
	seq: z.int().min(1).describe('consecutive per clientId, from 1'),
	// Any string: an unknown type is quarantined ('unknown-type'), not a reason to refuse the batch.
	type: z.string().min(1).max(40),
	recordId: recordIdSchema,
	scope: z.string().min(1).max(60).describe("'org' for schools, else the audit's id"),
	fields: z
		.record(z.string().min(1).max(60), z.unknown())
		.refine((f) => Object.keys(f).length > 0, 'A change patches at least one field'),
	hlc: hlcSchema,
	base: z
		.record(z.string(), hlcSchema)
		.nullable()
		.optional()
		.describe('per patched field, the HLC the device had seen; null or absent for a new record')
});
export type Change = z.infer<typeof changeSchema>;

export const pushRequestSchema = z.object({
	protocol: z.literal(PROTOCOL_VERSION),
	clientId: clientIdSchema,
	changes: z.array(changeSchema).max(MAX_BATCH_CHANGES)
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * What the server parses first: the envelope only. Each change is then checked on its own, so
 * one malformed change is quarantined instead of failing the batch, which the device would
 * otherwise resend forever with everything behind it stuck.
 */
export const pushEnvelopeSchema = z.object({
	protocol: z.literal(PROTOCOL_VERSION),
	clientId: clientIdSchema,
	changes: z.array(z.unknown()).max(MAX_BATCH_CHANGES)
});
export type PushEnvelope = z.infer<typeof pushEnvelopeSchema>;

/** Enough of a malformed change to quarantine it in its place. */
export const changeSeqSchema = z.object({ seq: z.int().min(1) });

/** The device takes its clock offset from it after clock-ahead: a bad one must not parse. */
const serverTimeSchema = isoDateTimeSchema.describe("the server's clock when it replied");

export const pushResponseSchema = z.object({
	lastProcessedSeq: z.int().min(0).describe('the device removes outbox entries up to it'),
	quarantined: z.array(
		z.object({
			seq: z.int().min(1),
			reason: quarantineReasonSchema,
			detail: z.string().describe('one line saying why, e.g. "text: Required"')
		})
	),
	conflicts: z.int().min(0),
	serverTime: serverTimeSchema
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** HTTP 409: a change was stamped over MAX_DRIFT_MS ahead; the changes before it were taken. */
export const clockAheadResponseSchema = z.object({
	error: z.literal('clock-ahead'),
	lastProcessedSeq: z.int().min(0),
	serverTime: serverTimeSchema
});
export type ClockAheadResponse = z.infer<typeof clockAheadResponseSchema>;

export const pulledChangeSchema = changeSchema.extend({
	serverSeq: z.int().min(1),
	author: z.string()
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z.object({
	changes: z.array(pulledChangeSchema),
	cursor: z.string().describe('opaque: passed back as ?since= to get what follows'),
	more: z.boolean(),
	revokedScopes: z.array(z.string()).describe('scopes the user lost: the device forgets them')
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
