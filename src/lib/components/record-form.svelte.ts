import type { Created, FieldErrors } from '$lib/client/records';
import { unsavedInput } from '$lib/client/unsaved.svelte';

/**
 * The state every form that creates a record shares: one save at a time, field errors beside
 * their fields, and a plain sentence when the tablet itself could not save. What was typed is
 * never cleared on a failure. Create it while the component initialises.
 */
export class RecordForm {
	busy = $state(false);
	problem = $state('');
	errors = $state<FieldErrors>({});

	/** `what` names the record in the failure sentence; `dirty` says whether input waits unsaved. */
	constructor(
		readonly what: string,
		dirty: () => boolean
	) {
		// Typed and not saved: an app update waits rather than reload the page under it.
		const owner = {};
		$effect(() => {
			unsavedInput.mark(owner, dirty());
			return () => unsavedInput.mark(owner, false);
		});
	}

	/** Runs `save` unless one is running; calls `done` with the new record's id on success. */
	async submit(save: () => Promise<Created>, done: (id: string) => void): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = '';
		try {
			const result = await save();
			if (result.ok) {
				this.errors = {};
				return done(result.id);
			}
			this.errors = result.errors;
			this.problem = result.errors.form ?? 'Check the fields marked below.';
		} catch {
			this.problem = `This tablet could not save the ${this.what}. Try again.`;
		} finally {
			this.busy = false;
		}
	}
}
