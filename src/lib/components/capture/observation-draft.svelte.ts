import type { Created, FieldErrors } from '$lib/client/records';
import { unsavedInput } from '$lib/client/unsaved.svelte';
import type { Judgement } from '$lib/domain/observation';

/**
 * A note being written on a capture screen: its words, tags and photos, and how its last save
 * went. One save at a time; a refusal shows beside its field and a failure in a sentence, and
 * neither clears anything typed. While words or photos wait unsaved, an app update waits too.
 * Create it while the component initialises.
 */
export class ObservationDraft {
	text = $state('');
	judgement = $state<Judgement>('neutral');
	practiceIds = $state<string[]>([]);
	/** Stored on the tablet as soon as taken; named by the note only when it is saved. */
	photoHashes = $state<string[]>([]);
	errors = $state<FieldErrors>({});
	problem = $state('');
	saved = $state('');
	busy = $state(false);

	constructor() {
		const owner = {};
		$effect(() => {
			unsavedInput.mark(owner, this.text.trim() !== '' || this.photoHashes.length > 0);
			return () => unsavedInput.mark(owner, false);
		});
	}

	/** What a write takes from the draft, as plain values. */
	get values() {
		return {
			text: this.text,
			judgement: this.judgement,
			practiceIds: $state.snapshot(this.practiceIds),
			photoHashes: $state.snapshot(this.photoHashes)
		};
	}

	/** Saves with `write`; on success empties the words, tags and photos and says `done`. */
	async save(write: () => Promise<Created>, done: string): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = this.saved = '';
		try {
			const result = await write();
			if (result.ok) {
				this.text = '';
				this.judgement = 'neutral';
				this.practiceIds = [];
				this.photoHashes = [];
				this.errors = {};
				this.saved = done;
			} else {
				this.errors = result.errors;
				this.problem = result.errors.form ?? '';
			}
		} catch {
			this.problem = 'This tablet could not save the note. It is still in the box: try again.';
		} finally {
			this.busy = false;
		}
	}
}
