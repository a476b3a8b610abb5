import { z } from 'zod';
import { deletedSchema, isoDateTimeSchema, recordIdSchema, sha256HexSchema } from './common';

export const judgements = ['strength', 'development', 'neutral'] as const;
export const judgementSchema = z
	.enum(judgements)
	.describe('strength, area for development, or neutral');
export const judgementLabels: Record<(typeof judgements)[number], string> = {
	strength: 'Strength',
	development: 'Area for development',
	neutral: 'Neutral'
};

export const observationFieldsSchema = z.object({
	activityId: recordIdSchema,
	componentId: z.string().min(1).max(60),
	text: z.string().trim().min(1, 'Write the observation').max(20_000),
	practiceIds: z.array(z.string().min(1).max(80)).max(40),
	judgement: judgementSchema,
	capturedAt: isoDateTimeSchema,
	location: z.string().trim().max(120).nullable(),
	photoHashes: z.array(sha256HexSchema).max(40),
	verbatim: z.boolean().optional().describe('the text is a verbatim quote'),
	deleted: deletedSchema
});

/** Scope: its audit's id. Text and photos are sensitive: encrypted at rest on the device. */
export const observationSchema = observationFieldsSchema.extend({ id: recordIdSchema });
export type Observation = z.infer<typeof observationSchema>;
