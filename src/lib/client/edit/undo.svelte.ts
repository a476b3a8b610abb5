/**
 * The last thing that can be undone (a note, an activity, an audit or a school deleted), for a
 * few seconds: the bar in the app's layout offers it with an Undo button. A newer offer replaces
 * an older one: only the latest deletion can be undone from the bar.
 */
export const UNDO_MS = 10_000;

interface Offer {
	message: string;
	undo: () => Promise<unknown>;
}

class Undoable {
	current = $state<Offer | null>(null);
	#timer: ReturnType<typeof setTimeout> | null = null;

	offer(message: string, undo: () => Promise<unknown>): void {
		this.#clearTimer();
		this.current = { message, undo };
		this.#timer = setTimeout(() => this.dismiss(), UNDO_MS);
	}

	/** Undoes the offer on show; false when there was none or the tablet could not write. */
	async take(): Promise<boolean> {
		const offer = this.current;
		this.dismiss();
		if (!offer) return false;
		try {
			await offer.undo();
			return true;
		} catch {
			return false;
		}
	}

	dismiss(): void {
		this.#clearTimer();
		this.current = null;
	}

	#clearTimer() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

export const undoable = new Undoable();
