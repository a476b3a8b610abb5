import { z } from 'zod';
import { activityKindSchema } from '../domain/activity-kind';

/** Where a wording comes from: the iMHARS web page (seed 000) or the Islington booklet (001). */
export const wordingSourceSchema = z.enum(['000-web', '001-booklet']);
export const wordingSchema = z.object({ source: wordingSourceSchema, text: z.string().min(1) });

export const supportingPracticeSchema = z.object({
	id: z.string().min(1),
	text: z.string().min(1).describe('the web wording where the web page has the practice'),
	wordings: z
		.array(wordingSchema)
		.min(1)
		.max(2)
		.describe('each source that names the practice, in its own words')
});

export const promptSchema = z.object({
	id: z.string().min(1),
	text: z.string().min(1).describe('a "find out what\'s happening in your school by" prompt'),
	activityKind: activityKindSchema
});

export const componentSchema = z.object({
	id: z.string().min(1),
	number: z.int().min(1),
	title: z.string().min(1),
	shortTitle: z.string().min(1).max(30),
	practices: z.array(supportingPracticeSchema).min(1),
	// iMHARS has five per component (tested); other frameworks' audit questions vary in number.
	prompts: z.array(promptSchema).min(1)
});

export const stageStepSchema = z.object({ id: z.string().min(1), text: z.string().min(1) });

export const stageSchema = z.object({
	id: z.string().min(1),
	number: z.int().min(1).describe('the stage of the collaborative audit, from 1'),
	title: z.string().min(1),
	steps: z.array(stageStepSchema).min(1)
});

export const frameworkSchema = z
	.object({
		id: z.string().min(1),
		version: z.string().regex(/^\d+\.\d+\.\d+$/),
		title: z.string().min(1),
		components: z.array(componentSchema).min(1),
		stages: z.array(stageSchema).min(1)
	})
	.refine(
		(f) => {
			const ids = [
				...f.components.flatMap((c) => [
					c.id,
					...c.practices.map((p) => p.id),
					...c.prompts.map((p) => p.id)
				]),
				...f.stages.flatMap((s) => [s.id, ...s.steps.map((step) => step.id)])
			];
			return new Set(ids).size === ids.length;
		},
		{ message: 'Every id in a framework is unique' }
	);

export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkComponent = z.infer<typeof componentSchema>;
export type SupportingPractice = z.infer<typeof supportingPracticeSchema>;
export type Prompt = z.infer<typeof promptSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type StageStep = z.infer<typeof stageStepSchema>;
