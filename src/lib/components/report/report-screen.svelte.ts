import { tick } from 'svelte';

/*
 * State the report screen's parts share: the evidence filters (a finding's "open note" link
 * clears them so the note is in view) and which moved item should keep the keyboard focus.
 */
export class ReportScreen {
	filter = $state({ judgement: '', kind: '', source: '' });
	/** The item just moved, so its move button takes the focus again after the list redraws. */
	moved = $state<{ id: string; by: -1 | 1 } | null>(null);
	error = $state('');

	async openNote(noteId: string) {
		this.filter = { judgement: '', kind: '', source: '' };
		await tick();
		const note = document.getElementById(`note-${noteId}`);
		note?.scrollIntoView({ block: 'center' });
		note?.focus();
	}
}

/** The first words of a text, for a button's accessible name. */
export function excerpt(text: string, words = 8): string {
	const all = text.trim().split(/\s+/);
	return all.length <= words ? text.trim() : `${all.slice(0, words).join(' ')}…`;
}
