import { z } from 'zod';
import { deletedSchema, label, recordIdSchema } from './common';

export const findingKinds = ['strength', 'challenge'] as const;
export const findingKindSchema = z.enum(findingKinds);
export type FindingKind = (typeof findingKinds)[number];
export const findingKindLabels: Record<FindingKind, string> = {
	strength: 'Strength',
	challenge: 'Challenge'
};

/**
 * One strength or one challenge of a component's short report (DESIGN.md §1, §6), in the
 * advisor's words, with the observations it rests on. Each finding is a record of its own, so
 * two advisors drafting the same report on two tablets add findings without overwriting.
 */
export const findingFieldsSchema = z.object({
	componentId: z.string().min(1).max(60),
	kind: findingKindSchema,
	text: label(4_000),
	evidence: z.array(recordIdSchema).max(200).describe('ids of the observations it rests on'),
	position: z.number().finite().describe('order within its kind, ascending'),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const findingSchema = findingFieldsSchema.extend({ id: recordIdSchema });
export type Finding = z.infer<typeof findingSchema>;
