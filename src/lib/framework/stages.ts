import type { StepTick } from '../domain/step';

/*
 * The steps of the collaborative audit's stages, ticked on several tablets at once. Each tick
 * is a record of its own (domain/step.ts), merged field by field like any record, so the rule
 * that says whether a step is done must hold whatever order the records arrive in:
 *
 * - a step is done while any of its live tick records says done;
 * - who ticked it, and when, is the earliest of those (the first person to tick it);
 * - unticking sets done=false on every record of the step that says done, and only those: a
 *   tick made meanwhile on a tablet that had not seen them survives, which is what its author
 *   saw on their screen.
 */

export interface StepState {
	done: boolean;
	/** Who ticked it first, and when (their tablet's clock); null while not done. */
	by: string | null;
	at: string | null;
}

/** One record to write: a new tick, or some fields of one already there. */
export interface TickPatch {
	id: string;
	fields: Partial<Omit<StepTick, 'id'>>;
}

const notDone: StepState = { done: false, by: null, at: null };

const earlier = (a: StepTick, b: StepTick) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** The state of one step from all the tick records of its audit. */
export function stepState(ticks: readonly StepTick[], stepId: string): StepState {
	const first = ticks.filter((t) => t.stepId === stepId && t.done && !t.deleted).sort(earlier)[0];
	return first ? { done: true, by: first.by, at: first.at } : notDone;
}

/** Every step's state, by step id; steps never ticked are absent. */
export function stepStates(ticks: readonly StepTick[]): Map<string, StepState> {
	const states = new Map<string, StepState>();
	for (const stepId of new Set(ticks.map((t) => t.stepId))) {
		const state = stepState(ticks, stepId);
		if (state.done) states.set(stepId, state);
	}
	return states;
}

/**
 * What ticking a step writes: nothing when it is done already; else done=true on one of its
 * records that says not done (the oldest, so two tablets that agree pick the same one), or a
 * new record with `newId` when it has none.
 */
export function tickPatches(
	ticks: readonly StepTick[],
	stepId: string,
	by: string,
	at: string,
	newId: string
): TickPatch[] {
	if (stepState(ticks, stepId).done) return [];
	const reuse = ticks
		.filter((t) => t.stepId === stepId && !t.deleted)
		.sort((a, b) => a.id.localeCompare(b.id))[0];
	if (reuse) return [{ id: reuse.id, fields: { done: true, by, at } }];
	return [{ id: newId, fields: { stepId, done: true, by, at, deleted: false } }];
}

/** What unticking a step writes: done=false, with who and when, on each record that says done. */
export function untickPatches(
	ticks: readonly StepTick[],
	stepId: string,
	by: string,
	at: string
): TickPatch[] {
	return ticks
		.filter((t) => t.stepId === stepId && t.done && !t.deleted)
		.map((t) => ({ id: t.id, fields: { done: false, by, at } }));
}
