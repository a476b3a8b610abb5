/*
 * A component's visit (about 1.5 days in the school) as a timetable, and what the advisor is on
 * now. Pure: the clock and the time zone are passed in, so the tablet's zone decides which day
 * and which half of it an activity falls in, whatever offset its plannedStart was written with.
 */

/** What the plan needs of an activity; the device's activity summaries have these fields. */
export interface PlannedActivity {
	id: string;
	status: string;
	/** ISO 8601 with an offset, or null when no time is set. */
	plannedStart: string | null;
	deleted?: boolean;
}

export interface VisitDay<A> {
	/** "Day 1", "Day 2"…: the visit's own days, in order, whatever the calendar gap between them. */
	label: string;
	/** The local date, YYYY-MM-DD. */
	date: string;
	/** Starting before 12:00 local time. */
	morning: A[];
	afternoon: A[];
}

export interface VisitPlan<A> {
	days: VisitDay<A>[];
	/** No time set (or one that is not a time), in the order given. */
	unscheduled: A[];
}

/** An activity planned but not done is still "current" this long after it was due to start. */
export const STARTED_WINDOW_MS = 90 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: number, timeZone: string) {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(timeZone, format);
	}
	const part = (type: string) =>
		format.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
	return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The zone the tablet runs in: the school's, as the advisor's clock shows it. */
export const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const startOf = (a: PlannedActivity) => (a.plannedStart ? Date.parse(a.plannedStart) : NaN);
const byStart = (a: PlannedActivity, b: PlannedActivity) =>
	startOf(a) - startOf(b) || a.id.localeCompare(b.id);
const live = <A extends PlannedActivity>(activities: readonly A[]) =>
	activities.filter((a) => !a.deleted);

/** Scheduled activities by local day (Day 1, Day 2…), each split at noon, sorted by time. */
export function visitPlan<A extends PlannedActivity>(
	activities: readonly A[],
	timeZone: string = deviceTimeZone()
): VisitPlan<A> {
	const days = new Map<string, VisitDay<A>>();
	const scheduled = live(activities).filter((a) => !Number.isNaN(startOf(a)));
	for (const activity of scheduled.sort(byStart)) {
		const { date, hour } = localParts(startOf(activity), timeZone);
		let day = days.get(date);
		if (!day) {
			day = { label: '', date, morning: [], afternoon: [] };
			days.set(date, day);
		}
		(hour < 12 ? day.morning : day.afternoon).push(activity);
	}
	const ordered = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
	ordered.forEach((day, index) => (day.label = `Day ${index + 1}`));
	return { days: ordered, unscheduled: live(activities).filter((a) => Number.isNaN(startOf(a))) };
}

/**
 * What the advisor is on: the activity in progress; else the latest one due to start in the last
 * 90 minutes and not done (they may not have tapped "in progress"); else the next one to come.
 */
export function currentOrNext<A extends PlannedActivity>(
	activities: readonly A[],
	now: number | Date
): A | null {
	const at = typeof now === 'number' ? now : now.getTime();
	const open = live(activities).filter((a) => a.status !== 'done');
	const inProgress = open.filter((a) => a.status === 'in-progress').sort(byStart);
	if (inProgress.length > 0)
		// Several in progress: the one that began last; one with no time set counts as begun.
		return inProgress.filter((a) => !(startOf(a) > at)).at(-1) ?? inProgress[0] ?? null;
	const scheduled = open.filter((a) => !Number.isNaN(startOf(a))).sort(byStart);
	const started = scheduled.filter((a) => startOf(a) <= at && at - startOf(a) <= STARTED_WINDOW_MS);
	return started.at(-1) ?? scheduled.find((a) => startOf(a) > at) ?? null;
}

/** True when `activity` is under way at `now`, not merely the next to come. */
export function isUnderway(activity: PlannedActivity, now: number | Date): boolean {
	const at = typeof now === 'number' ? now : now.getTime();
	return activity.status === 'in-progress' || startOf(activity) <= at;
}

/** What is left of today: the local day's activities not done, in time order, but `except`. */
export function leftOfToday<A extends PlannedActivity>(
	activities: readonly A[],
	now: number | Date,
	{ timeZone = deviceTimeZone(), except }: { timeZone?: string; except?: string } = {}
): A[] {
	const today = localParts(typeof now === 'number' ? now : now.getTime(), timeZone).date;
	return live(activities)
		.filter((a) => a.status !== 'done' && a.id !== except && !Number.isNaN(startOf(a)))
		.filter((a) => localParts(startOf(a), timeZone).date === today)
		.sort(byStart);
}
