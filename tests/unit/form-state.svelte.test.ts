import { describe, expect, it } from 'vitest';
import { FormState } from '../../src/lib/components/form-state.svelte';

/*
 * The state every capture form shares (FormState), as a note being written: a refused or failed save keeps
 * every word, tag and photo; a saved one empties the box for the next note; two quick taps save
 * once.
 */

const hash = 'a'.repeat(64);
// Vitest runs Svelte's server build, where effects do not run: the draft's words, tags and saves
// are tested here; its hold on app updates is an effect, and in the browser typed text also holds
// an update through `unsavedInput.typedOnPage` (tests/e2e/update.spec.ts tests that hold).
const empty = () => ({
	text: '',
	judgement: 'neutral',
	practiceIds: [] as string[],
	photoHashes: [] as string[]
});
type Note = ReturnType<typeof empty>;

function draft(): FormState<Note> {
	const made = new FormState({
		what: 'note',
		empty,
		dirty: (v: Note) => v.text.trim() !== '' || v.photoHashes.length > 0
	});
	made.values = {
		text: 'Two pupils sort out a dispute themselves.',
		judgement: 'strength',
		practiceIds: ['vision-values.sp1'],
		photoHashes: [hash]
	};
	return made;
}

const typed = (d: FormState<Note>) => ({ ...d.values });

describe('a note being written', () => {
	it('keeps everything when the save is refused, and shows why beside the field', async () => {
		const d = draft();
		const before = typed(d);
		await d.submit(async () => ({ ok: false, errors: { text: 'Write the observation' } }), {
			saved: 'Saved'
		});
		expect(typed(d)).toEqual(before);
		expect(d.errors).toEqual({ text: 'Write the observation' });
		expect(d.saved).toBe('');
	});

	it('keeps everything when the tablet fails halfway, and says so', async () => {
		const d = draft();
		const before = typed(d);
		await d.submit(
			async () => {
				throw new DOMException('The transaction was aborted', 'AbortError');
			},
			{ saved: 'Saved' }
		);
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
		const after = { saved: 'Observation saved on this tablet.' };
		const first = d.submit(slow, after);
		const second = d.submit(slow, after);
		release();
		await Promise.all([first, second]);
		expect(writes).toBe(1);
		expect(typed(d)).toEqual({ text: '', judgement: 'neutral', practiceIds: [], photoHashes: [] });
		expect(d.saved).toBe('Observation saved on this tablet.');
	});

	it('starts the next note with what should stay, and hands the saved values to the write', async () => {
		const d = draft();
		let written: Note | null = null;
		await d.submit(
			async (values) => {
				written = values;
				return { ok: true, id: 'x' };
			},
			{ next: (was) => ({ ...empty(), practiceIds: was.practiceIds }) }
		);
		expect(written).toMatchObject({ text: 'Two pupils sort out a dispute themselves.' });
		expect(typed(d)).toEqual({ ...empty(), practiceIds: ['vision-values.sp1'] });
	});
});

describe('a form that edits a saved record (follows)', () => {
	const record = { subject: 'Maths', yearGroup: 'Year 5' };
	const lesson = () =>
		new FormState({ what: 'lesson details', empty: () => ({ ...record }), follows: true });

	it('is unsaved only once changed, and Cancel brings the record back', () => {
		const form = lesson();
		expect(form.dirty).toBe(false);
		form.values.subject = 'PSHE';
		expect(form.dirty).toBe(true);
		form.discard();
		expect(form.values).toEqual(record);
		expect(form.dirty).toBe(false);
	});

	it('keeps what it saved on screen, no longer unsaved; a refusal keeps the change', async () => {
		const form = lesson();
		form.values.subject = 'PSHE';
		expect(await form.submit(async () => ({ ok: false, errors: { subject: 'Too long' } }))).toBe(
			false
		);
		expect(form.values.subject).toBe('PSHE');
		expect(form.dirty).toBe(true);
		expect(await form.submit(async () => ({ ok: true, id: 'a1' }), { saved: 'Saved' })).toBe(true);
		expect(form.values).toEqual({ subject: 'PSHE', yearGroup: 'Year 5' });
		expect(form.dirty).toBe(false);
		expect(form.saved).toBe('Saved');
	});
});
