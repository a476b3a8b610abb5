import { describe, expect, it } from 'vitest';
import type { StepTick } from '../../src/lib/domain/step';
import {
	stepState,
	stepStates,
	tickPatches,
	untickPatches,
	type TickPatch
} from '../../src/lib/framework/stages';
import { newRecordId } from '../helpers/sim';

const ann = newRecordId();
const bob = newRecordId();
const cy = newRecordId();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();

/** The records after `patches` land, a later write to a field winning (as the HLC merge does). */
function apply(ticks: readonly StepTick[], patches: readonly TickPatch[]): StepTick[] {
	const byId = new Map(ticks.map((t) => [t.id, { ...t }]));
	for (const { id, fields } of patches) {
		byId.set(id, { ...(byId.get(id) ?? ({ id } as StepTick)), ...fields });
	}
	return [...byId.values()];
}

describe('a stage step from its tick records', () => {
	it('is not done with no tick, and done once ticked, by whom and when', () => {
		expect(stepState([], 's1-1')).toEqual({ done: false, by: null, at: null });
		const ticked = apply([], tickPatches([], 's1-1', ann, at(5), newRecordId()));
		expect(stepState(ticked, 's1-1')).toEqual({ done: true, by: ann, at: at(5) });
		expect(stepState(ticked, 's1-2').done).toBe(false);
		expect([...stepStates(ticked).keys()]).toEqual(['s1-1']);
	});

	it('ticked on two tablets at once keeps both records and names the first to tick', () => {
		// Each tablet had seen no tick: each makes a record of its own, and neither overwrites.
		const onAnns = tickPatches([], 's2-1', ann, at(7), newRecordId());
		const onBobs = tickPatches([], 's2-1', bob, at(6), newRecordId());
		const merged = apply(apply([], onAnns), onBobs);
		expect(merged).toHaveLength(2);
		expect(stepState(merged, 's2-1')).toEqual({ done: true, by: bob, at: at(6) });
		// Either order of arrival gives the same answer.
		expect(stepState(apply(apply([], onBobs), onAnns), 's2-1')).toEqual(stepState(merged, 's2-1'));

		// Unticking, having seen both, sets done=false on both: the step is not done.
		const untick = untickPatches(merged, 's2-1', ann, at(9));
		expect(untick.map((p) => p.id).sort()).toEqual(merged.map((t) => t.id).sort());
		expect(untick.every((p) => p.fields.done === false && p.fields.by === ann)).toBe(true);
		expect(stepState(apply(merged, untick), 's2-1').done).toBe(false);
	});

	it('ticked again on a tablet that had not seen an untick stays ticked, by the new tick', () => {
		const first = apply([], tickPatches([], 's3-2', ann, at(1), newRecordId()));
		// Bob unticks what he sees; meanwhile Cy, offline since before Ann's tick, ticks it.
		const bobsUntick = untickPatches(first, 's3-2', bob, at(10));
		const cysTick = tickPatches([], 's3-2', cy, at(11), newRecordId());
		for (const merged of [
			apply(apply(first, bobsUntick), cysTick),
			apply(apply(first, cysTick), bobsUntick)
		]) {
			expect(stepState(merged, 's3-2')).toEqual({ done: true, by: cy, at: at(11) });
		}
	});

	it('ticking a step again reuses its unticked record and writes nothing when it is done', () => {
		const id = newRecordId();
		const ticked = apply([], tickPatches([], 's1-3', ann, at(1), id));
		expect(tickPatches(ticked, 's1-3', bob, at(2), newRecordId())).toEqual([]);
		const unticked = apply(ticked, untickPatches(ticked, 's1-3', bob, at(3)));
		expect(tickPatches(unticked, 's1-3', bob, at(4), newRecordId())).toEqual([
			{ id, fields: { done: true, by: bob, at: at(4) } }
		]);
		expect(untickPatches(unticked, 's1-3', ann, at(5))).toEqual([]);
	});

	it('leaves deleted tick records out', () => {
		const ticked = apply([], tickPatches([], 's1-4', ann, at(1), newRecordId()));
		const deleted = ticked.map((t) => ({ ...t, deleted: true }));
		expect(stepState(deleted, 's1-4').done).toBe(false);
		const again = tickPatches(deleted, 's1-4', bob, at(2), 'new-id');
		expect(again).toEqual([
			{ id: 'new-id', fields: { stepId: 's1-4', done: true, by: bob, at: at(2), deleted: false } }
		]);
	});
});
