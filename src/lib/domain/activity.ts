import { z } from 'zod';
import { activityKindSchema } from './activity-kind';
import { deletedSchema, isoDateTimeSchema, label, recordIdSchema } from './common';

export const activityStatuses = ['planned', 'in-progress', 'done'] as const;
export const activityStatusSchema = z.enum(activityStatuses);

/** Who took part, by role and count: never pupils' names. */
export const participantGroupSchema = z.object({
	role: label(80),
	count: z.int().min(0).max(10_000)
});

export const activityFieldsSchema = z.object({
	componentId: z.string().min(1).max(60),
	promptId: z
		.string()
		.min(1)
		.max(80)
		.nullable()
		.describe('the "find out what\'s happening" prompt it answers; null for an ad-hoc activity'),
	kind: activityKindSchema,
	title: label(200),
	status: activityStatusSchema,
	plannedStart: isoDateTimeSchema.nullable(),
	location: z.string().trim().max(120).nullable(),
	participants: z.array(participantGroupSchema).max(30).optional(),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const activitySchema = activityFieldsSchema.extend({ id: recordIdSchema });
export type Activity = z.infer<typeof activitySchema>;
