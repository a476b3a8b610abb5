import { z } from 'zod';
import { clientIdSchema, hlcSchema } from './hlc';

/*
 * The sync wire format, v1 (DESIGN.md §6). Both the device's sync engine and the API routes
 * import these schemas; other clients are written from §6 alone, so nothing here may drift.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_BATCH_CHANGES = 500;
export const MAX_BATCH_BYTES = 1_000_000;
/** Request bodies over this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const quarantineReasons = ['invalid', 'forbidden', 'unknown-type'] as const;
export const quarantineReasonSchema = z.enum(quarantineReasons);
export type QuarantineReason = z.infer<typeof quarantineReasonSchema>;

export const changeSchema = z.object({
	clientId: clientIdSchema,
	seq: z.int().min(1).describe('consecutive per clientId, from 1'),
	// Any string: an unknown type is quarantined ('unknown-type'), not a reason to refuse the batch.
	type: z.string().min(1).max(40),
	recordId: z.uuidv7(),
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

export const pushResponseSchema = z.object({
	lastProcessedSeq: z.int().min(0),
	quarantined: z.array(z.object({ seq: z.int(), reason: quarantineReasonSchema })),
	conflicts: z.int().min(0),
	serverTime: z.string()
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const clockAheadResponseSchema = z.object({
	error: z.literal('clock-ahead'),
	lastProcessedSeq: z.int().min(0),
	serverTime: z.string()
});

export const pulledChangeSchema = changeSchema.extend({
	serverSeq: z.int().min(1),
	author: z.string()
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z.object({
	changes: z.array(pulledChangeSchema),
	cursor: z.string(),
	more: z.boolean(),
	revokedScopes: z.array(z.string())
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
