import { z } from 'zod';
import { deletedSchema, isoDateTimeSchema, label, recordIdSchema, sha256HexSchema } from './common';

export const judgements = ['strength', 'development', 'neutral'] as const;
export const judgementSchema = z
	.enum(judgements)
	.describe('strength, area for development, or neutral');
export type Judgement = (typeof judgements)[number];
export const judgementLabels: Record<(typeof judgements)[number], string> = {
	strength: 'Strength',
	development: 'Area for development',
	neutral: 'Neutral'
};

/** Who was interacting, on a learning walk (seed 001): never who by name. */
export const interactions = ['staff-staff', 'staff-pupil', 'pupil-pupil'] as const;
export const interactionSchema = z.enum(interactions);
export const interactionLabels: Record<(typeof interactions)[number], string> = {
	'staff-staff': 'Staff–staff',
	'staff-pupil': 'Staff–pupil',
	'pupil-pupil': 'Pupil–pupil'
};

/** Sticky-note colours on a graffiti wall. */
export const stickyColours = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
export const stickyColourSchema = z.enum(stickyColours);

/** One figure of a data review: staff attendance %, bullying incidents, exclusions… */
export const indicatorSchema = z.object({
	name: label(120),
	value: z.number().finite().describe('the figure itself; its unit says what it counts'),
	unit: z.string().trim().max(40).describe('"%", "incidents", "days"… or empty'),
	period: z.string().trim().max(80).describe('the period it covers, e.g. "2025/26 autumn term"')
});
export type Indicator = z.infer<typeof indicatorSchema>;

/**
 * A safeguarding concern (DESIGN.md §1, issue 14): when it was flagged and by whom, and when and
 * to whom (by role, never a pupil's name) it was reported under the school's procedure.
 */
export const safeguardingFlagSchema = z.object({
	flaggedAt: isoDateTimeSchema,
	by: z.string().min(1).max(80),
	reportedAt: isoDateTimeSchema.nullable(),
	reportedTo: z.string().trim().max(120)
});
export type SafeguardingFlag = z.infer<typeof safeguardingFlagSchema>;

export const observationFieldsSchema = z.object({
	activityId: recordIdSchema,
	componentId: z.string().min(1).max(60),
	// May be empty only when a photo or an indicator carries the evidence (crossFieldProblem).
	text: z.string().trim().max(20_000),
	practiceIds: z.array(z.string().min(1).max(80)).max(40),
	judgement: judgementSchema,
	capturedAt: isoDateTimeSchema,
	location: z.string().trim().max(120).nullable(),
	photoHashes: z.array(sha256HexSchema).max(40),
	verbatim: z.boolean().optional().describe('the text is a verbatim quote'),
	interaction: interactionSchema
		.nullable()
		.optional()
		.describe('learning walk: who was interacting, by role'),
	questionId: z
		.string()
		.min(1)
		.max(40)
		.nullable()
		.optional()
		.describe("interview or focus group: the id of the guide's question it answers"),
	colour: stickyColourSchema.optional().describe('graffiti wall: the sticky note colour'),
	theme: z
		.string()
		.trim()
		.max(80)
		.nullable()
		.optional()
		.describe('graffiti wall: the theme the note is grouped under'),
	indicator: indicatorSchema.nullable().optional().describe('data review: the figure it records'),
	safeguarding: safeguardingFlagSchema
		.nullable()
		.optional()
		.describe(
			'a possible disclosure or risk to a child: readable only by its author, the audit lead and admins'
		),
	deleted: deletedSchema
});

/**
 * An observation holds words, a photo or a figure (a wall photographed, an indicator with no
 * note); with none of them it holds no evidence. Checked on the whole record, by the device
 * before it writes and by the server after it merges (sync/fields `crossFieldProblem`).
 */
export function emptyObservationProblem(values: Record<string, unknown>): string | null {
	const text = typeof values.text === 'string' ? values.text.trim() : '';
	const photos = Array.isArray(values.photoHashes) ? values.photoHashes.length : 0;
	return text === '' && photos === 0 && !values.indicator ? 'Write the observation' : null;
}

/** Scope: its audit's id. Text and photos are sensitive: encrypted at rest on the device. */
export const observationSchema = observationFieldsSchema
	.extend({ id: recordIdSchema })
	.refine((o) => emptyObservationProblem(o) === null, {
		message: 'Write the observation',
		path: ['text']
	});
export type Observation = z.infer<typeof observationSchema>;
