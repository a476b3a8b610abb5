/**
 * How a component's evidence leans, counted for the audit page (issue 14): the page links to the
 * notes instead of listing them, so the advisor sees at a glance how many strengths and areas for
 * development each component holds, and whether a note waits for a merge, before opening it.
 * Pure: the caller reads the observations.
 */

/** The fields of an observation the tally reads: its component is its activity's. */
export interface TalliedObservation {
	activityId: string;
	judgement: string;
	deleted?: boolean;
	inConflict?: boolean;
}

export interface JudgementTally {
	/** Every note that is not deleted, whatever its judgement. */
	total: number;
	strength: number;
	development: number;
	neutral: number;
	/** Notes with two versions waiting for someone to merge them. */
	inConflict: number;
}

export const emptyTally = (): JudgementTally => ({
	total: 0,
	strength: 0,
	development: 0,
	neutral: 0,
	inConflict: 0
});

/**
 * One tally per component id; a component with no notes has none (use `emptyTally`). A note
 * whose activity is not on the device (yet) counts nowhere, as in the checklist.
 */
export function judgementTallies(
	observations: readonly TalliedObservation[],
	activities: readonly { id: string; componentId: string }[]
): Map<string, JudgementTally> {
	const componentOf = new Map(activities.map((a) => [a.id, a.componentId]));
	const tallies = new Map<string, JudgementTally>();
	for (const note of observations) {
		const componentId = componentOf.get(note.activityId);
		if (note.deleted || componentId === undefined) continue;
		let tally = tallies.get(componentId);
		if (!tally) tallies.set(componentId, (tally = emptyTally()));
		tally.total += 1;
		// A judgement a newer device knows and this one does not counts in the total only.
		if (note.judgement === 'strength') tally.strength += 1;
		else if (note.judgement === 'development') tally.development += 1;
		else if (note.judgement === 'neutral') tally.neutral += 1;
		if (note.inConflict) tally.inConflict += 1;
	}
	return tallies;
}
