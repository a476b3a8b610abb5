import { z } from 'zod';
import { deletedSchema, label, recordIdSchema } from './common';

/** School phases in England (DESIGN.md §7). */
export const schoolPhases = [
	'nursery',
	'primary',
	'middle',
	'secondary',
	'all-through',
	'special',
	'alternative-provision',
	'16-plus'
] as const;
export const schoolPhaseLabels: Record<(typeof schoolPhases)[number], string> = {
	nursery: 'Nursery',
	primary: 'Primary',
	middle: 'Middle',
	secondary: 'Secondary',
	'all-through': 'All-through',
	special: 'Special',
	'alternative-provision': 'Alternative provision',
	'16-plus': '16 plus'
};

export const urnSchema = z
	.string()
	.trim()
	.regex(/^\d{6}$/, 'A URN is six digits')
	.describe('unique reference number of a school in England: six digits');

export const schoolFieldsSchema = z.object({
	name: label(200),
	urn: urnSchema,
	phase: z.enum(schoolPhases),
	localAuthority: label(100),
	/** The designated safeguarding lead, by role and contact (issue 14): shown with a flagged note. */
	dslRole: z
		.string()
		.trim()
		.max(120)
		.optional()
		.describe("the school's designated safeguarding lead, by role (e.g. Deputy head)"),
	dslContact: z
		.string()
		.trim()
		.max(200)
		.optional()
		.describe('how to reach the designated safeguarding lead (phone, e-mail, room)'),
	deleted: deletedSchema
});

/** Scope `org`: every advisor of the organisation sees its schools. */
export const schoolSchema = schoolFieldsSchema.extend({ id: recordIdSchema });
export type School = z.infer<typeof schoolSchema>;
