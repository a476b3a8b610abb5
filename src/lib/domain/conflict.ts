import { z } from 'zod';
import { JSON_LIMITS, jsonProblem } from './json-bounds';
import { recordIdSchema, userIdSchema } from './common';
import { recordTypeSchema } from './record-type';

export const conflictValueSchema = z.object({
	value: z
		.unknown()
		.refine((v) => jsonProblem(v, JSON_LIMITS.field) === null, 'A value out of bounds'),
	hlc: z.string().min(1).describe('the HLC of the write that produced this value'),
	author: userIdSchema
});

/** Two writes of one text field that did not see each other; kept until a person merges them. */
export const conflictFieldsSchema = z.object({
	recordType: recordTypeSchema,
	recordId: recordIdSchema,
	field: z.string().min(1).max(60),
	values: z.array(conflictValueSchema).min(2),
	resolved: z.boolean()
});

/** Scope: the scope of the record it concerns. */
export const conflictSchema = conflictFieldsSchema.extend({ id: recordIdSchema });
export type Conflict = z.infer<typeof conflictSchema>;
