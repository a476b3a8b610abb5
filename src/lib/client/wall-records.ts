import { activityFieldsSchema } from '$lib/domain/activity';
import { observationFieldsSchema } from '$lib/domain/observation';
import type { Device } from './db/device';
import { patchRecord, type Created } from './records';

/**
 * The graffiti wall's own writes: its question, and a sticky note moved into a theme. Each is
 * one field of a record already on the tablet, so two advisors grouping notes at once merge
 * field by field (DESIGN.md §3).
 */

/** The question written on the wall; empty clears it (the prompt's text is offered again). */
export async function saveWallPrompt(
	device: Device,
	activity: { id: string; auditId: string },
	text: string
): Promise<Created> {
	const prompt = text.trim();
	const parsed = activityFieldsSchema.shape.wallPrompt.safeParse(prompt === '' ? null : prompt);
	if (!parsed.success)
		return {
			ok: false,
			errors: { wallPrompt: 'The question is too long: 500 characters at most' }
		};
	return patchRecord(
		device,
		{ type: 'activity', id: activity.id, scope: activity.auditId },
		{ wallPrompt: parsed.data ?? null }
	);
}

/** A sticky note under a theme, or back to "Not grouped yet" with null. */
export async function moveNoteToTheme(
	device: Device,
	note: { id: string; scope: string },
	theme: string | null
): Promise<Created> {
	const parsed = observationFieldsSchema.shape.theme.safeParse(theme);
	if (!parsed.success)
		return { ok: false, errors: { theme: 'A theme name is 80 characters at most' } };
	return patchRecord(
		device,
		{ type: 'observation', id: note.id, scope: note.scope },
		{ theme: parsed.data ?? null }
	);
}
