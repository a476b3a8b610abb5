import { describe, expect, it } from 'vitest';
import { ObservationDraft } from '../../src/lib/components/capture/observation-draft.svelte';

/*
 * The note being written on the learning-walk and notes screens: a refused or failed save keeps
 * every word, tag and photo; a saved one empties the box for the next note; two quick taps save
 * once.
 */

const hash = 'a'.repeat(64);
// Vitest runs Svelte's server build, where effects do not run: the draft's words, tags and saves
// are tested here; its hold on app updates is an effect, and in the browser typed text also holds
// an update through `unsavedInput.typedOnPage` (tests/e2e/update.spec.ts tests that hold).
function draft(): ObservationDraft {
	const made = new ObservationDraft();
	made.text = 'Two pupils sort out a dispute themselves.';
	made.judgement = 'strength';
	made.practiceIds = ['vision-values.sp1'];
	made.photoHashes = [hash];
	return made;
}

const typed = (d: ObservationDraft) => ({
	text: d.text,
	judgement: d.judgement,
	practiceIds: d.practiceIds,
	photoHashes: d.photoHashes
});

describe('a note being written', () => {
	it('keeps everything when the save is refused, and shows why beside the field', async () => {
		const d = draft();
		const before = typed(d);
		await d.save(async () => ({ ok: false, errors: { text: 'Write the observation' } }), 'Saved');
		expect(typed(d)).toEqual(before);
		expect(d.errors).toEqual({ text: 'Write the observation' });
		expect(d.saved).toBe('');
	});

	it('keeps everything when the tablet fails halfway, and says so', async () => {
		const d = draft();
		const before = typed(d);
		await d.save(async () => {
			throw new DOMException('The transaction was aborted', 'AbortError');
		}, 'Saved');
		expect(typed(d)).toEqual(before);
		expect(d.problem).toMatch(/could not save the note/);
		expect(d.busy).toBe(false);
	});

	it('empties the box once saved, and makes one save of two quick taps', async () => {
		const d = draft();
		let writes = 0;
		let release!: () => void;
		const slow = () =>
			new Promise<{ ok: true; id: string }>((done) => {
				writes++;
				release = () => done({ ok: true, id: 'x' });
			});
		const first = d.save(slow, 'Observation saved on this tablet.');
		const second = d.save(slow, 'Observation saved on this tablet.');
		release();
		await Promise.all([first, second]);
		expect(writes).toBe(1);
		expect(typed(d)).toEqual({ text: '', judgement: 'neutral', practiceIds: [], photoHashes: [] });
		expect(d.saved).toBe('Observation saved on this tablet.');
	});
});
