import type { QuestionResult } from './survey-tally';

/*
 * What a survey question's chart shows, independent of how it is drawn: a Likert question as a
 * diverging stacked bar (disagreement left of zero, agreement right, the neutral middle split
 * across it, as is usual for Likert scales), any other counted question as plain bars.
 */

export interface ChartSegment {
	label: string;
	/** Signed: negative values extend left of zero. */
	value: number;
	count: number;
}

export type ChartSpec =
	| { type: 'diverging'; segments: ChartSegment[] }
	| { type: 'bars'; bars: { label: string; count: number }[] };

export function chartSpec(result: QuestionResult): ChartSpec | null {
	if (result.question.type === 'free' || result.counts.length === 0) return null;
	if (result.question.type !== 'likert5') {
		return { type: 'bars', bars: result.counts.map((c) => ({ label: c.label, count: c.count })) };
	}
	const [sd, d, n, a, sa] = result.counts.map((c) => c);
	const half = (n?.count ?? 0) / 2;
	return {
		type: 'diverging',
		segments: [
			{ label: sd!.label, value: -sd!.count, count: sd!.count },
			{ label: d!.label, value: -d!.count, count: d!.count },
			{ label: `${n!.label} (half)`, value: -half, count: n!.count },
			{ label: n!.label, value: half, count: n!.count },
			{ label: a!.label, value: a!.count, count: a!.count },
			{ label: sa!.label, value: sa!.count, count: sa!.count }
		]
	};
}
