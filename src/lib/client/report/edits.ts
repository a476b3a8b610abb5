import { findingFieldsSchema } from '$lib/domain/finding';
import { nextStepFieldsSchema } from '$lib/domain/next-step';
import { reportStatusFieldsSchema, reportStatusProblem } from '$lib/domain/report-status';
import { moveInList } from '$lib/framework/report';
import type { Device } from '../db/device';
import type { Created } from '../records';
import { fieldErrors, statusPatch, writeReport } from './writes';

/** Changes to a report already on the device; each one call of `writeReport`. */

export interface ReportItem {
	type: 'finding' | 'nextStep';
	id: string;
	auditId: string;
	componentId: string;
}

/**
 * Some fields of a finding or next step. Only a next step's `status` is the school's progress
 * in stage 5, not the report's content, so only it leaves an agreed report agreed.
 */
export function updateItem(
	device: Device,
	item: ReportItem,
	fields: Record<string, unknown>,
	now = Date.now()
): Promise<Created> {
	const schema = item.type === 'finding' ? findingFieldsSchema : nextStepFieldsSchema;
	const parsed = schema.partial().safeParse(fields);
	if (!parsed.success) return Promise.resolve({ ok: false, errors: fieldErrors(parsed.error) });
	const patch = { type: item.type, id: item.id, scope: item.auditId, fields: parsed.data };
	const progressOnly = Object.keys(fields).every((f) => f === 'status');
	return writeReport(device, item.auditId, item.componentId, [patch], !progressOnly, now);
}

export function deleteItem(device: Device, item: ReportItem, now = Date.now()) {
	return updateItem(device, item, { deleted: true }, now);
}

/** Moves an item up (-1) or down (+1) in `ordered`, its list on screen. */
export function moveItem(
	device: Device,
	item: ReportItem,
	ordered: readonly { id: string; position: number }[],
	by: -1 | 1,
	now = Date.now()
): Promise<Created> {
	const patches = moveInList(ordered, item.id, by).map((m) => ({
		type: item.type,
		id: m.id,
		scope: item.auditId,
		fields: { position: m.position }
	}));
	return writeReport(device, item.auditId, item.componentId, patches, patches.length > 0, now);
}

export interface StatusDraft {
	status: 'draft' | 'agreed' | 'shared';
	with: string;
	note: string;
}

/** Appends a status event: agreed (with whom, by role), shared, or back to draft. */
export function setReportStatus(
	device: Device,
	auditId: string,
	componentId: string,
	draft: StatusDraft,
	now = Date.now()
): Promise<Created> {
	const agreedWith = draft.status === 'agreed' ? draft.with.trim() || null : null;
	const patch = statusPatch(
		device,
		auditId,
		componentId,
		draft.status,
		agreedWith,
		draft.note,
		now
	);
	const parsed = reportStatusFieldsSchema.safeParse(patch.fields);
	if (!parsed.success) return Promise.resolve({ ok: false, errors: fieldErrors(parsed.error) });
	const problem = reportStatusProblem(parsed.data);
	if (problem) return Promise.resolve({ ok: false, errors: { with: problem } });
	return writeReport(device, auditId, componentId, [patch], false, now);
}
