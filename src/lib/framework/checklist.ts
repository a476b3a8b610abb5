import type { FrameworkComponent, Prompt } from './schema';

/**
 * A component's checklist (DESIGN.md §1, "Prompt → activity"): each of its "find out what's
 * happening" prompts is an item, done as soon as one activity planned from it is done. Pure:
 * the caller reads the activities and observations, this only counts them.
 */

export const checklistStatuses = ['not-planned', 'planned', 'in-progress', 'done'] as const;
export type ChecklistStatus = (typeof checklistStatuses)[number];

/** The fields of an activity the checklist reads; a summary or a whole record will do. */
export interface ChecklistActivity {
	id: string;
	componentId: string;
	promptId: string | null;
	status: string;
	deleted?: boolean;
}

/** The fields of an observation the checklist reads. */
export interface ChecklistObservation {
	activityId: string;
	deleted?: boolean;
	/** A safeguarding concern is never evidence (DESIGN.md §1): not counted. */
	safeguarding?: unknown;
}

export interface CountedActivity<A extends ChecklistActivity> {
	activity: A;
	/** Its observations that are not deleted and not a safeguarding concern. */
	evidenceCount: number;
}

export interface ChecklistItem<A extends ChecklistActivity> {
	prompt: Prompt;
	status: ChecklistStatus;
	activities: CountedActivity<A>[];
	/** The observations of all its activities. */
	evidenceCount: number;
}

export interface Checklist<A extends ChecklistActivity> {
	componentId: string;
	items: ChecklistItem<A>[];
	/** The component's activities that answer none of its prompts. */
	adHoc: CountedActivity<A>[];
}

/** Done beats in progress beats planned: one finished activity answers the prompt. */
function itemStatus(activities: readonly ChecklistActivity[]): ChecklistStatus {
	if (activities.length === 0) return 'not-planned';
	if (activities.some((a) => a.status === 'done')) return 'done';
	if (activities.some((a) => a.status === 'in-progress')) return 'in-progress';
	// A status this version does not know (written by a newer device) still counts as planned.
	return 'planned';
}

export function checklistOf<A extends ChecklistActivity>(
	component: FrameworkComponent,
	activities: readonly A[],
	observations: readonly ChecklistObservation[]
): Checklist<A> {
	const counts = new Map<string, number>();
	for (const o of observations)
		if (!o.deleted && !o.safeguarding)
			counts.set(o.activityId, (counts.get(o.activityId) ?? 0) + 1);
	const counted = (activity: A) => ({ activity, evidenceCount: counts.get(activity.id) ?? 0 });

	const own = activities.filter((a) => !a.deleted && a.componentId === component.id);
	const promptIds = new Set(component.prompts.map((p) => p.id));
	const items = component.prompts.map((prompt) => {
		const linked = own.filter((a) => a.promptId === prompt.id);
		const withCounts = linked.map(counted);
		return {
			prompt,
			status: itemStatus(linked),
			activities: withCounts,
			evidenceCount: withCounts.reduce((sum, a) => sum + a.evidenceCount, 0)
		};
	});
	// A prompt this framework version does not have shows as ad hoc rather than vanishing.
	const adHoc = own.filter((a) => a.promptId === null || !promptIds.has(a.promptId)).map(counted);
	return { componentId: component.id, items, adHoc };
}

const statusLabels: Record<ChecklistStatus, string> = {
	'not-planned': 'Not planned',
	planned: 'Planned',
	'in-progress': 'In progress',
	done: 'Done'
};

export const checklistStatusLabel = (status: ChecklistStatus) => statusLabels[status];

/** "No observations", "1 observation", "3 observations". */
export function evidenceCountLabel(count: number): string {
	if (count === 0) return 'No observations';
	return count === 1 ? '1 observation' : `${count} observations`;
}
