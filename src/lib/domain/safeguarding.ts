/**
 * The one test of whether a note is flagged as a safeguarding concern (DESIGN.md §1): such a
 * note is kept out of every report, export and evidence count. Issue 14 owns the flag's shape
 * (`values.safeguarding`) and may refine this body; the signature is shared, so every report
 * and export path asks this one function.
 */
export function isSafeguardingConcern(values: Record<string, unknown>): boolean {
	return Boolean(values.safeguarding);
}
