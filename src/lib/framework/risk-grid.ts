import type { Level } from '../domain/next-step';

/*
 * The risk × capacity grid of seed 003 ("Taking capacity and risk as the axes map areas for
 * action and priorities for your school"): each next step sits in one of four named quadrants.
 * The seed names them by their axes; the short advice beside each name is ours, to help a
 * school read the grid at a glance.
 */

export interface Quadrant {
	id: `${Level}-risk-${Level}-capacity`;
	risk: Level;
	capacity: Level;
	/** The seed's own words for the quadrant. */
	name: string;
	advice: string;
}

/** In reading order of the grid: high risk on top, high capacity on the right. */
export const quadrants: readonly Quadrant[] = [
	{
		id: 'high-risk-low-capacity',
		risk: 'high',
		capacity: 'low',
		name: 'High risk, low capacity',
		advice: 'Priority: build capacity or seek support'
	},
	{
		id: 'high-risk-high-capacity',
		risk: 'high',
		capacity: 'high',
		name: 'High risk, high capacity',
		advice: 'Priority: act now'
	},
	{
		id: 'low-risk-low-capacity',
		risk: 'low',
		capacity: 'low',
		name: 'Low risk, low capacity',
		advice: 'Keep in view'
	},
	{
		id: 'low-risk-high-capacity',
		risk: 'low',
		capacity: 'high',
		name: 'Low risk, high capacity',
		advice: 'Quick wins'
	}
];

export function quadrantOf(step: { risk: Level; capacity: Level }): Quadrant {
	return quadrants.find((q) => q.risk === step.risk && q.capacity === step.capacity)!;
}

export function quadrantById(id: string): Quadrant | undefined {
	return quadrants.find((q) => q.id === id);
}

/** Each quadrant with the steps placed in it, in the order given. */
export function placeOnGrid<T extends { risk: Level; capacity: Level }>(
	steps: readonly T[]
): { quadrant: Quadrant; steps: T[] }[] {
	return quadrants.map((quadrant) => ({
		quadrant,
		steps: steps.filter((s) => s.risk === quadrant.risk && s.capacity === quadrant.capacity)
	}));
}
