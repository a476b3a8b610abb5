import { byPosition, isOverdue, type NextStepInput } from './report';
import { quadrantOf, type Quadrant } from './risk-grid';

/* The audit's next steps for stage 5: by owner, then by due date (undated last). */

export interface TrackedStep extends NextStepInput {
	quadrant: Quadrant;
	overdue: boolean;
}

export interface OwnerGroup {
	owner: string;
	steps: TrackedStep[];
}

export function trackSteps(steps: readonly NextStepInput[], today: string): TrackedStep[] {
	return [...steps]
		.sort(byPosition)
		.map((s) => ({ ...s, quadrant: quadrantOf(s), overdue: isOverdue(s, today) }));
}

export function byOwner(steps: readonly TrackedStep[]): OwnerGroup[] {
	const groups = new Map<string, TrackedStep[]>();
	for (const step of steps) {
		const key = step.owner.trim();
		groups.set(key, [...(groups.get(key) ?? []), step]);
	}
	return [...groups]
		.sort(([a], [b]) => a.localeCompare(b, undefined, { sensitivity: 'base' }))
		.map(([owner, list]) => ({
			owner,
			steps: list.sort(
				(a, b) => (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99') || byPosition(a, b)
			)
		}));
}
