import { dropDraft, keepDraft, readDraft, type DraftPlace } from '$lib/client/db/drafts';
import type { Created, FieldErrors } from '$lib/client/records';
import { unsavedInput } from '$lib/client/unsaved.svelte';

export interface FormOptions<T> {
	/** Names the record in the failure sentence ("could not save the note"). */
	what: string;
	/** The values of a fresh form. */
	empty: () => T;
	/** True while the values hold input worth asking about before leaving (typed words, photos). */
	dirty: (values: T) => boolean;
	/** Where the draft is kept on the device as the person types; none keeps it in memory only. */
	draft?: () => DraftPlace | null;
}

export interface AfterSave<T> {
	/** Said once saved ("Observation saved on this tablet."). */
	saved?: string;
	/** The values for the next record (what stays from one note to the next); default: empty. */
	next?: (values: T) => T;
	/** Called with the new record's id (to move on to it). */
	done?: (id: string) => void;
}

/**
 * The one state every form that writes a record shares: its values, one save at a time, field
 * errors beside their fields, a sentence when the tablet itself could not save. Nothing typed is
 * cleared by a refusal or a failure, and with a `draft` place the values are kept on the device
 * as they change and come back when the form is opened again: after leaving the page, a reload,
 * a crash or the idle lock. While `dirty`, an app update waits and leaving the page asks first.
 * Create it while the component initialises (it uses effects).
 */
export class FormState<T extends object> {
	values = $state() as T;
	busy = $state(false);
	problem = $state('');
	errors = $state<FieldErrors>({});
	saved = $state('');
	/** True once the values shown are the ones kept on the device. */
	kept = $state(false);
	/** The stored draft has been read (or there is none): only then may writes replace it. */
	#restored = $state(false);
	readonly #owner = {};
	/** Saved, and the page is moving on to the new record: nothing here is unsaved any more. */
	#moving = false;
	#writing: Promise<void> | null = null;
	#pending: { place: DraftPlace; values: T } | null = null;

	constructor(readonly options: FormOptions<T>) {
		this.values = options.empty();
		$effect(() => {
			unsavedInput.mark(this.#owner, !this.#moving && options.dirty(this.values));
			return () => unsavedInput.mark(this.#owner, false);
		});
		$effect(() => {
			const place = options.draft?.() ?? null;
			this.#restored = false;
			if (!place) return;
			let current = true;
			readDraft(place.db, place.key).then(
				(stored) => {
					// Typed into before the draft arrived: what is on the screen wins.
					if (current && stored && !options.dirty(this.values))
						this.values = { ...options.empty(), ...(stored as Partial<T>) };
					if (current) this.#restored = true;
				},
				() => current && (this.#restored = true)
			);
			return () => (current = false);
		});
		$effect(() => {
			const place = options.draft?.() ?? null;
			const values = $state.snapshot(this.values) as T;
			if (place && this.#restored) this.#keep(place, values);
		});
	}

	/** Typed input is on the screen and kept on the device (said beside the form). */
	get draftKept(): boolean {
		return this.kept && this.options.dirty(this.values);
	}

	/** Kept one write at a time, the newest values last, so the device never goes back in time. */
	#keep(place: DraftPlace, values: T) {
		this.kept = false;
		this.#pending = { place, values };
		if (this.#writing) return;
		this.#writing = (async () => {
			while (this.#pending) {
				const { place: at, values: next } = this.#pending;
				this.#pending = null;
				try {
					const fresh = JSON.stringify(next) === JSON.stringify(this.options.empty());
					if (fresh) await dropDraft(at.db, at.key);
					else await keepDraft(at.db, at.key, next as Record<string, unknown>);
				} catch {
					// Still on the screen; the next change tries again.
				}
			}
			this.#writing = null;
			this.kept = true;
		})();
	}

	/** Runs `save` unless a save is running; on success starts the next record and forgets the draft. */
	async submit(save: (values: T) => Promise<Created>, after: AfterSave<T> = {}): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = this.saved = '';
		try {
			const result = await save($state.snapshot(this.values) as T);
			if (result.ok) {
				this.errors = {};
				this.values = after.next
					? after.next($state.snapshot(this.values) as T)
					: this.options.empty();
				this.saved = after.saved ?? '';
				// Saved: moving on to the new record is not leaving unsaved input (a form whose
				// `dirty` reads its own fields still holds them until the page changes).
				this.#moving = Boolean(after.done);
				this.#keepNow(); // at once: a form closed by `done` has no effect left to do it
				unsavedInput.mark(this.#owner, !this.#moving && this.options.dirty(this.values));
				after.done?.(result.id);
				return;
			}
			this.errors = result.errors;
			this.problem = result.errors.form ?? (after.done ? 'Check the fields marked below.' : '');
		} catch {
			this.problem = `This tablet could not save the ${this.options.what}. It is still here: try again.`;
		} finally {
			this.busy = false;
		}
	}

	/** Drops what was typed (Cancel): the form goes back to its empty values, the draft too. */
	discard(): void {
		this.values = this.options.empty();
		this.errors = {};
		this.problem = '';
		this.#keepNow();
	}

	#keepNow() {
		const place = this.options.draft?.() ?? null;
		if (place) this.#keep(place, $state.snapshot(this.values) as T);
	}

	/** A refusal found before writing (a check of the form's own), shown like the store's. */
	refuse(errors: FieldErrors): void {
		this.errors = errors;
		this.saved = '';
	}
}
