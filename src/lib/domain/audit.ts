import { z } from 'zod';
import { deletedSchema, label, recordIdSchema, userIdSchema } from './common';

export const auditStageSchema = z
	.int()
	.min(1)
	.max(5)
	.describe('the collaborative audit stage in progress, 1 (planning) to 5 (implement change)');

export const auditFieldsSchema = z.object({
	schoolId: recordIdSchema,
	title: label(200),
	frameworkId: z
		.string()
		.min(1)
		.max(60)
		.describe('id of the framework the audit uses, e.g. "imhars"'),
	members: z
		.array(userIdSchema)
		.min(1)
		.max(50)
		.describe('user ids who may read and write the audit; only the lead or an admin changes it'),
	lead: userIdSchema.describe('the lead advisor; always a member'),
	stage: auditStageSchema,
	componentIds: z.array(z.string().min(1).max(60)).max(20),
	deleted: deletedSchema
});

/** Scope: the audit's own id. */
export const auditSchema = auditFieldsSchema
	.extend({ id: recordIdSchema })
	.refine((a) => a.members.includes(a.lead), {
		message: 'The lead must be a member',
		path: ['lead']
	});
export type Audit = z.infer<typeof auditSchema>;
