/**
 * Themes on a graffiti wall: a theme is only a name the notes carry (observation `theme`), so
 * "Belonging", " belonging " and "BELONGING" typed on two tablets are one theme, spelt as it
 * was first written.
 */

export interface ThemedNote {
	theme: string | null;
}

export interface ThemeGroup<T> {
	name: string;
	notes: T[];
}

/** The name tidied: no spaces at the ends, one space between words. */
export const tidyTheme = (name: string) => name.trim().replace(/\s+/g, ' ');

const themeKey = (name: string) => tidyTheme(name).toLocaleLowerCase('en-GB');

/** The notes under each theme (themes in alphabetical order, notes as given) and those in none. */
export function groupByTheme<T extends ThemedNote>(
	notes: T[]
): { themes: ThemeGroup<T>[]; ungrouped: T[] } {
	const groups = new Map<string, ThemeGroup<T>>();
	const ungrouped: T[] = [];
	for (const note of notes) {
		const name = tidyTheme(note.theme ?? '');
		if (name === '') {
			ungrouped.push(note);
			continue;
		}
		const key = themeKey(name);
		const group = groups.get(key) ?? { name, notes: [] };
		group.notes.push(note);
		groups.set(key, group);
	}
	const themes = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	return { themes, ungrouped };
}

/** Every theme name the notes carry, each once, in alphabetical order. */
export function themeNames(notes: ThemedNote[]): string[] {
	return groupByTheme(notes).themes.map((t) => t.name);
}

/**
 * The theme a typed name stands for: an existing theme's own spelling when it is the same name
 * in other case or spacing, the tidied name when it is new, null when it is empty (no theme).
 */
export function chosenTheme(typed: string, existing: string[]): string | null {
	const name = tidyTheme(typed);
	if (name === '') return null;
	return existing.find((t) => themeKey(t) === themeKey(name)) ?? name;
}
