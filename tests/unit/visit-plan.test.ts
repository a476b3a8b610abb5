import { describe, expect, it } from 'vitest';
import {
	currentOrNext,
	isUnderway,
	leftOfToday,
	visitPlan,
	type PlannedActivity,
	type VisitPlan
} from '../../src/lib/framework/visit-plan';

// A visit in London in March 2026 (GMT, UTC+0 until the 29th) and one in June (BST, UTC+1).
const london = 'Europe/London';
const at = (iso: string) => Date.parse(iso);

let ids = 0;
function activity(plannedStart: string | null, status = 'planned', extra: object = {}) {
	ids += 1;
	return { id: `a${String(ids).padStart(3, '0')}`, status, plannedStart, ...extra };
}
const idsOf = (list: PlannedActivity[]) => list.map((a) => a.id);
/** The ids in one half of the plan's nth day (none if there is no such day). */
const slot = (plan: VisitPlan<PlannedActivity>, day: number, half: 'morning' | 'afternoon') =>
	idsOf(plan.days[day]?.[half] ?? []);

describe('visitPlan', () => {
	it('has no days when nothing has a time, and lists those apart in the order given', () => {
		const one = activity(null);
		const two = activity(null, 'done');
		expect(visitPlan([one, two], london)).toEqual({ days: [], unscheduled: [one, two] });
		expect(visitPlan([], london)).toEqual({ days: [], unscheduled: [] });
	});

	it('numbers the local days in order and sorts each half-day by time, not by input order', () => {
		const walk = activity('2026-03-11T08:45:00Z');
		const interview = activity('2026-03-10T13:30:00Z');
		const survey = activity('2026-03-10T09:00:00Z');
		const focus = activity('2026-03-10T08:15:00Z');
		const loose = activity(null);
		const plan = visitPlan([walk, interview, loose, survey, focus], london);
		expect(plan.days.map((d) => [d.label, d.date])).toEqual([
			['Day 1', '2026-03-10'],
			['Day 2', '2026-03-11']
		]);
		expect(slot(plan, 0, 'morning')).toEqual([focus.id, survey.id]);
		expect(slot(plan, 0, 'afternoon')).toEqual([interview.id]);
		expect(slot(plan, 1, 'morning')).toEqual([walk.id]);
		expect(slot(plan, 1, 'afternoon')).toEqual([]);
		expect(plan.unscheduled).toEqual([loose]);
	});

	it('splits at 12:00 local time: 11:59 is morning, 12:00 afternoon', () => {
		const before = activity('2026-06-15T11:59:00+01:00');
		const noon = activity('2026-06-15T12:00:00+01:00');
		const plan = visitPlan([noon, before], london);
		expect(slot(plan, 0, 'morning')).toEqual([before.id]);
		expect(slot(plan, 0, 'afternoon')).toEqual([noon.id]);
	});

	it('places a time written with another offset by the tablet zone', () => {
		// 23:30 UTC on 14 June is 00:30 on the 15th in London (BST): day and half follow London.
		const late = activity('2026-06-14T23:30:00Z');
		// 13:00 in Paris (UTC+2) is 12:00 in London: afternoon.
		const paris = activity('2026-06-15T13:00:00+02:00');
		const plan = visitPlan([late, paris], london);
		expect(plan.days.map((d) => d.date)).toEqual(['2026-06-15']);
		expect(slot(plan, 0, 'morning')).toEqual([late.id]);
		expect(slot(plan, 0, 'afternoon')).toEqual([paris.id]);
		// The same instants in New York fall on the 14th.
		expect(visitPlan([late, paris], 'America/New_York').days.map((d) => d.date)).toEqual([
			'2026-06-14',
			'2026-06-15'
		]);
	});

	it('leaves deleted activities out, and a time that is not a time with the unscheduled', () => {
		const gone = activity('2026-03-10T09:00:00Z', 'planned', { deleted: true });
		const garbled = activity('not a time');
		const plan = visitPlan([gone, garbled], london);
		expect(plan.days).toEqual([]);
		expect(plan.unscheduled).toEqual([garbled]);
	});
});

describe('currentOrNext', () => {
	const now = at('2026-03-10T10:00:00Z');

	it('is null when nothing is scheduled or in progress, or everything is over', () => {
		expect(currentOrNext([], now)).toBeNull();
		expect(currentOrNext([activity(null)], now)).toBeNull();
		const longAgo = activity('2026-03-10T08:00:00Z');
		const done = activity('2026-03-10T09:45:00Z', 'done');
		expect(currentOrNext([longAgo, done], now)).toBeNull();
	});

	it('prefers the activity in progress, even one with no time set', () => {
		const soon = activity('2026-03-10T10:05:00Z');
		const started = activity('2026-03-10T09:50:00Z');
		const running = activity(null, 'in-progress');
		expect(currentOrNext([soon, started, running], now)).toBe(running);
		expect(isUnderway(running, now)).toBe(true);
	});

	it('of several in progress, takes the one that began last', () => {
		const earlier = activity('2026-03-10T08:00:00Z', 'in-progress');
		const later = activity('2026-03-10T09:30:00Z', 'in-progress');
		const future = activity('2026-03-10T11:00:00Z', 'in-progress');
		expect(currentOrNext([later, future, earlier], now)).toBe(later);
	});

	it('takes the latest started in the last 90 minutes that is not done', () => {
		const outOfWindow = activity('2026-03-10T08:29:00Z');
		const edge = activity('2026-03-10T08:30:00Z');
		const finished = activity('2026-03-10T09:40:00Z', 'done');
		const next = activity('2026-03-10T10:30:00Z');
		expect(currentOrNext([outOfWindow, edge, finished, next], now)).toBe(edge);
		const latest = activity('2026-03-10T09:10:00Z');
		expect(currentOrNext([edge, latest, next], now)).toBe(latest);
		expect(isUnderway(latest, now)).toBe(true);
	});

	it('else the next to come, skipping done ones, across days', () => {
		const doneSoon = activity('2026-03-10T10:10:00Z', 'done');
		const tomorrow = activity('2026-03-11T08:30:00Z');
		const afternoon = activity('2026-03-10T13:00:00Z');
		expect(currentOrNext([tomorrow, doneSoon, afternoon], now)).toBe(afternoon);
		expect(currentOrNext([tomorrow, doneSoon], now)).toBe(tomorrow);
		expect(isUnderway(tomorrow, now)).toBe(false);
	});

	it('compares instants, whatever offset each time was written with', () => {
		// 10:30+01:00 is 09:30Z: already started. 11:15+01:00 is 10:15Z: to come.
		const started = activity('2026-03-10T10:30:00+01:00');
		const next = activity('2026-03-10T11:15:00+01:00');
		expect(currentOrNext([next, started], new Date(now))).toBe(started);
		expect(currentOrNext([next], now)).toBe(next);
	});
});

describe('leftOfToday', () => {
	it("lists today's activities not done, by time, without the one in hand or other days", () => {
		const now = at('2026-06-15T10:00:00+01:00');
		const missed = activity('2026-06-15T08:30:00+01:00');
		const current = activity('2026-06-15T09:45:00+01:00');
		const done = activity('2026-06-15T11:00:00+01:00', 'done');
		const after = activity('2026-06-15T14:00:00+01:00');
		// 23:30Z is already tomorrow in London.
		const tomorrow = activity('2026-06-15T23:30:00Z');
		const loose = activity(null);
		const left = leftOfToday([after, tomorrow, loose, done, current, missed], now, {
			timeZone: london,
			except: current.id
		});
		expect(idsOf(left)).toEqual([missed.id, after.id]);
	});
});
