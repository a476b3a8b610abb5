import { z } from 'zod';
import { deletedSchema, isoDateTimeSchema, recordIdSchema, userIdSchema } from './common';

/**
 * A tick of one step of the collaborative audit's stages (framework `stages[].steps[]`).
 *
 * Each tick is a record of its own, not a field of the audit: two advisors ticking steps at
 * once on two tablets then never overwrite each other. A step is done while any of its tick
 * records says so; unticking sets `done: false` on each of them (framework/stages.ts).
 */
export const stepFieldsSchema = z.object({
	stepId: z.string().min(1).max(60),
	done: z.boolean(),
	by: userIdSchema.describe('who ticked or unticked it'),
	at: isoDateTimeSchema.describe('when, by the tablet clock'),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const stepSchema = stepFieldsSchema.extend({ id: recordIdSchema });
export type StepTick = z.infer<typeof stepSchema>;
