import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { findingFieldsSchema, type FindingKind } from '$lib/domain/finding';
import { nextStepFieldsSchema, type NextStepStatus } from '$lib/domain/next-step';
import { reportStatusFieldsSchema, type ReportStatusValue } from '$lib/domain/report-status';
import { currentStatus, type StatusInput } from '$lib/framework/report';
import { compareHlc } from '$lib/sync/hlc';
import type { Device } from '../db/device';
import { InvalidWrite, type Patch } from '../db/write';
import { writeAfterReading } from '../db/write-after-read';
import type { Created, FieldErrors } from '../records';

/*
 * Every write of a short report goes through `writeRecords` (DESIGN.md §3), inside one
 * transaction that also reads the report's status: an edit of an agreed or shared report
 * appends a `draft` status in the same transaction, so the report never looks agreed while
 * holding words the school did not agree to.
 */

export const REOPENED_NOTE = 'Reopened: edited after agreement';

const wording: Record<string, string> = {
	text: 'Write the words of it',
	owner: 'Say who owns it, by role (e.g. "PSHE lead")',
	due: 'A due date is a day, like 2026-12-31',
	with: 'Say who agreed it, by role (e.g. "Deputy head")'
};

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.code === 'too_big' ? issue.message : (wording[field] ?? issue.message);
	}
	return errors;
}

async function statusesOf(device: Device, auditId: string, componentId: string) {
	const rows = await device.db.records
		.where('[type+scope]')
		.equals(['reportStatus', auditId])
		.toArray();
	return rows
		.flatMap((r): StatusInput[] => {
			const p = reportStatusFieldsSchema.safeParse(r.values);
			return !r.deleted && p.success && p.data.componentId === componentId
				? [{ ...p.data, id: r.id, hlc: r.hlcs.status ?? '' }]
				: [];
		})
		.sort((a, b) => compareHlc(a.hlc, b.hlc));
}

export function statusPatch(
	device: Device,
	auditId: string,
	componentId: string,
	status: ReportStatusValue,
	agreedWith: string | null,
	note: string,
	now: number
): Patch {
	const fields = {
		componentId,
		status,
		with: agreedWith,
		note,
		at: new Date(now).toISOString(),
		by: device.userId,
		deleted: false
	};
	return { type: 'reportStatus', id: uuidv7(), scope: auditId, fields };
}

/**
 * Writes `patches` of one component's report; with `reopens`, an agreed or shared report goes
 * back to draft in the same transaction. A refusal comes back as a form error.
 */
export async function writeReport(
	device: Device,
	auditId: string,
	componentId: string,
	patches: Patch[],
	reopens: boolean,
	now = Date.now()
): Promise<Created> {
	try {
		const decide = async () => {
			const all = [...patches];
			if (reopens) {
				const current = currentStatus(await statusesOf(device, auditId, componentId));
				if (current.status !== 'draft')
					all.push(statusPatch(device, auditId, componentId, 'draft', null, REOPENED_NOTE, now));
			}
			return all;
		};
		await writeAfterReading(device.db, device.clientId, device.userId, decide, now);
		return { ok: true, id: patches[0]?.id ?? componentId };
	} catch (error) {
		if (error instanceof InvalidWrite) return { ok: false, errors: { form: error.message } };
		throw error;
	}
}

export interface FindingDraft {
	componentId: string;
	kind: FindingKind;
	text: string;
	evidence: string[];
	position: number;
}

export async function addFinding(
	device: Device,
	auditId: string,
	draft: FindingDraft,
	now = Date.now()
): Promise<Created> {
	const parsed = findingFieldsSchema.safeParse({ ...draft, deleted: false });
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	const patch: Patch = { type: 'finding', id: uuidv7(), scope: auditId, fields: parsed.data };
	return writeReport(device, auditId, draft.componentId, [patch], true, now);
}

export interface NextStepDraft {
	componentId: string;
	text: string;
	owner: string;
	due: string | null;
	risk: 'low' | 'high';
	capacity: 'low' | 'high';
	findingIds: string[];
	position: number;
	status?: NextStepStatus;
}

export async function addNextStep(
	device: Device,
	auditId: string,
	draft: NextStepDraft,
	now = Date.now()
): Promise<Created> {
	const parsed = nextStepFieldsSchema.safeParse({ status: 'open', ...draft, deleted: false });
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	const patch: Patch = { type: 'nextStep', id: uuidv7(), scope: auditId, fields: parsed.data };
	return writeReport(device, auditId, draft.componentId, [patch], true, now);
}
