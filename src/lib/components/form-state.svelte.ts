import { untrack } from 'svelte';
import { dropDraft, keepDraft, readDraft, type DraftPlace } from '$lib/client/db/drafts';
import type { Created, FieldErrors } from '$lib/client/records';
import { unsavedInput } from '$lib/client/unsaved.svelte';

export interface FormOptions<T> {
	/** Names the record in the failure sentence ("could not save the note"). */
	what: string;
	/** The values of a fresh form; for a form that `follows` a record, the record's as they are now. */
	empty: () => T;
	/**
	 * True while the values hold input worth asking about before leaving (typed words, photos).
	 * A form that `follows` a record needs none: it is dirty while its values differ from it.
	 */
	dirty?: (values: T) => boolean;
	/** Where the draft is kept on the device as the person types; none keeps it in memory only. */
	draft?: () => DraftPlace | null;
	/**
	 * A form that edits a saved record (lesson details, a question guide): it shows the record as
	 * `empty` reads it and follows it when a sync changes it, until the person changes something;
	 * then what they typed stays. Once saved, it shows what was saved until the record catches up.
	 */
	follows?: boolean;
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
	/** A following form: the record's values (as JSON) the form shows while nobody has typed. */
	#record = $state('');
	readonly #owner = {};
	/** Saved, and the page is moving on to the new record: nothing here is unsaved any more. */
	#moving = false;
	#writing: Promise<void> | null = null;
	#pending: { place: DraftPlace; values: T } | null = null;

	constructor(readonly options: FormOptions<T>) {
		this.values = options.empty();
		this.#record = JSON.stringify(this.values);
		if (options.follows)
			$effect(() => {
				const record = JSON.stringify(options.empty());
				untrack(() => {
					if (JSON.stringify(this.values) === this.#record) this.values = JSON.parse(record);
					this.#record = record;
				});
			});
		$effect(() => {
			unsavedInput.mark(this.#owner, !this.#moving && this.dirty);
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
					if (current && stored && !this.dirty)
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

	/** The values hold input worth asking about before leaving. */
	get dirty(): boolean {
		return this.options.follows
			? JSON.stringify(this.values) !== this.#record
			: (this.options.dirty?.(this.values) ?? false);
	}

	/** Typed input is on the screen and kept on the device (said beside the form). */
	get draftKept(): boolean {
		return this.kept && this.dirty;
	}

	/** Nothing worth keeping: a fresh form, or a following form showing its record. */
	#fresh(values: T): boolean {
		const shown = JSON.stringify(values);
		return this.options.follows
			? shown === this.#record
			: shown === JSON.stringify(this.options.empty());
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
					if (this.#fresh(next)) await dropDraft(at.db, at.key);
					else await keepDraft(at.db, at.key, next as Record<string, unknown>);
				} catch {
					// Still on the screen; the next change tries again.
				}
			}
			this.#writing = null;
			this.kept = true;
		})();
	}

	/**
	 * Runs `save` unless a save is running; on success starts the next record (a following form
	 * keeps what it saved) and forgets the draft. True once saved.
	 */
	async submit(save: (values: T) => Promise<Created>, after: AfterSave<T> = {}): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = this.saved = '';
		try {
			const result = await save($state.snapshot(this.values) as T);
			if (result.ok) {
				this.errors = {};
				const shown = $state.snapshot(this.values) as T;
				this.values = after.next
					? after.next(shown)
					: this.options.follows
						? shown
						: this.options.empty();
				if (this.options.follows) this.#record = JSON.stringify(this.values);
				this.saved = after.saved ?? '';
				// Saved: moving on to the new record is not leaving unsaved input (a form whose
				// `dirty` reads its own fields still holds them until the page changes).
				this.#moving = Boolean(after.done);
				this.#keepNow(); // at once: a form closed by `done` has no effect left to do it
				unsavedInput.mark(this.#owner, !this.#moving && this.dirty);
				after.done?.(result.id);
				return true;
			}
			this.errors = result.errors;
			this.problem = result.errors.form ?? (after.done ? 'Check the fields marked below.' : '');
		} catch {
			this.problem = `This tablet could not save the ${this.options.what}. It is still here: try again.`;
		} finally {
			this.busy = false;
		}
		return false;
	}

	/** Drops what was typed (Cancel): the form goes back to its empty values (or its record), the draft too. */
	discard(): void {
		this.values = this.options.follows ? JSON.parse(this.#record) : this.options.empty();
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
