import { SvelteSet } from 'svelte/reactivity';

/**
 * What the person has typed and not yet saved. Reloading the page (to install an update) would
 * lose it, so the update waits while any is held (DESIGN.md §5). Editors mark their own drafts
 * here; `typedOnPage` is the safety net for forms that do not.
 */
const NOT_TYPED = new Set(['checkbox', 'radio', 'range', 'color', 'file', 'button', 'submit']);

class UnsavedInput {
	readonly #drafts = new SvelteSet<object>();
	readonly #typed = new Set<HTMLInputElement | HTMLTextAreaElement>();

	/** True while an editor holds a draft that differs from what is saved. */
	get any(): boolean {
		return this.#drafts.size > 0;
	}

	/** `owner` (any object a component keeps) holds unsaved input, or no longer does. */
	mark(owner: object, unsaved: boolean): void {
		if (unsaved) this.#drafts.add(owner);
		else this.#drafts.delete(owner);
	}

	/** Notes every field the person types into, wherever it is (installed once, at start). */
	watchTyping(target: Document = document): void {
		target.addEventListener('input', (event) => {
			const field = event.target;
			// Text only: a ticked box's value is never empty, so it would hold an update for good.
			if (field instanceof HTMLTextAreaElement) this.#typed.add(field);
			else if (field instanceof HTMLInputElement && !NOT_TYPED.has(field.type))
				this.#typed.add(field);
		});
	}

	/** True when a field typed into is still on the page and not empty. */
	typedOnPage(): boolean {
		for (const field of this.#typed) {
			if (!field.isConnected) this.#typed.delete(field);
			else if (field.value.trim() !== '') return true;
		}
		return false;
	}
}

export const unsavedInput = new UnsavedInput();
