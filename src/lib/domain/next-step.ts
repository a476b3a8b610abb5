import { z } from 'zod';
import { deletedSchema, label, recordIdSchema } from './common';

export const nextStepStatuses = ['open', 'in-progress', 'done'] as const;
export const nextStepStatusSchema = z.enum(nextStepStatuses);
export type NextStepStatus = (typeof nextStepStatuses)[number];
export const nextStepStatusLabels: Record<NextStepStatus, string> = {
	open: 'Open',
	'in-progress': 'In progress',
	done: 'Done'
};

/** The two axes of the risk × capacity grid (seed 003). */
export const levels = ['low', 'high'] as const;
export const levelSchema = z.enum(levels);
export type Level = (typeof levels)[number];

/**
 * An action of a component's short report, tracked in stage 5 (DESIGN.md §1, §6). The owner is
 * a role ("PSHE lead"), never a person's name and never a pupil.
 */
export const nextStepFieldsSchema = z.object({
	componentId: z.string().min(1).max(60),
	text: label(2_000),
	owner: label(120).describe('a role, e.g. "PSHE lead"'),
	due: z.iso.date().nullable().describe('YYYY-MM-DD, or null when not set'),
	status: nextStepStatusSchema,
	risk: levelSchema,
	capacity: levelSchema,
	findingIds: z.array(recordIdSchema).max(100).describe('the findings it answers'),
	position: z.number().finite().describe('order within the component, ascending'),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const nextStepSchema = nextStepFieldsSchema.extend({ id: recordIdSchema });
export type NextStep = z.infer<typeof nextStepSchema>;
