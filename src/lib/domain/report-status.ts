import { z } from 'zod';
import { deletedSchema, isoDateTimeSchema, recordIdSchema, userIdSchema } from './common';

export const reportStatuses = ['draft', 'agreed', 'shared'] as const;
export const reportStatusValueSchema = z.enum(reportStatuses);
export type ReportStatusValue = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatusValue, string> = {
	draft: 'Draft',
	agreed: 'Agreed with the school',
	shared: 'Shared with the school community'
};

/**
 * One event in the life of a component's short report (DESIGN.md §6): append-only, a new
 * record each time, so two tablets never overwrite each other's history. The latest by HLC is
 * the current state; an edit after agreement appends a `draft` (reopened).
 */
export const reportStatusFieldsSchema = z.object({
	componentId: z.string().min(1).max(60),
	status: reportStatusValueSchema,
	with: z
		.string()
		.trim()
		.min(1)
		.max(120)
		.nullable()
		.describe('who agreed it, by role ("Deputy head"); null for a draft'),
	note: z.string().trim().max(2_000),
	at: isoDateTimeSchema,
	by: userIdSchema,
	deleted: deletedSchema
});

/** An agreement names whom it was agreed with (a role): the school's side of the audit. */
export function reportStatusProblem(values: Record<string, unknown>): string | null {
	return values.status === 'agreed' && !values.with
		? 'Say who agreed it, by role (e.g. "Deputy head")'
		: null;
}

/** Scope: its audit's id. */
export const reportStatusSchema = reportStatusFieldsSchema.extend({ id: recordIdSchema });
export type ReportStatus = z.infer<typeof reportStatusSchema>;
