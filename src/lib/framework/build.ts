import type { ActivityKind } from '../domain/activity-kind';
import type { FrameworkComponent, Stage } from './schema';

/** One supporting practice as [web wording, booklet wording]; null where a source lacks it. */
export type PracticeWordings = [web: string | null, booklet: string | null];

export interface ComponentSource {
	id: string;
	title: string;
	shortTitle: string;
	practices: PracticeWordings[];
	prompts: [text: string, kind: ActivityKind][];
}

/** Numbers the ids (`staff.sp1`, `staff.p1`) and marks each wording with its source. */
export function component(source: ComponentSource, number: number): FrameworkComponent {
	return {
		id: source.id,
		number,
		title: source.title,
		shortTitle: source.shortTitle,
		practices: source.practices.map(([web, booklet], i) => ({
			id: `${source.id}.sp${i + 1}`,
			text: (web ?? booklet)!,
			wordings: [
				...(web ? [{ source: '000-web' as const, text: web }] : []),
				...(booklet ? [{ source: '001-booklet' as const, text: booklet }] : [])
			]
		})),
		prompts: source.prompts.map(([text, activityKind], i) => ({
			id: `${source.id}.p${i + 1}`,
			text,
			activityKind
		}))
	};
}

export function stage(number: number, title: string, steps: string[]): Stage {
	return {
		id: `stage-${number}`,
		number,
		title,
		steps: steps.map((text, i) => ({ id: `stage-${number}.s${i + 1}`, text }))
	};
}
