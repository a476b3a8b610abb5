import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { activityFieldsSchema, activityStatusSchema } from '$lib/domain/activity';
import type { ActivityKind } from '$lib/domain/activity-kind';
import { auditSchema } from '$lib/domain/audit';
import { observationFieldsSchema, type judgements } from '$lib/domain/observation';
import type { RecordType } from '$lib/domain/record-type';
import { schoolFieldsSchema, type schoolPhases } from '$lib/domain/school';
import { findComponent, frameworks, imhars, type Prompt } from '$lib/framework';
import { crossFieldProblem } from '$lib/sync/fields';
import type { Device } from './db/device';
import { InvalidWrite, writeRecord } from './db/write';

/**
 * Named writes for each record type the fieldwork screens create. Each checks its input with
 * the domain schema first, so a form can show an error beside the field and keep what was
 * typed; only then does it call `writeRecord`, the one write function (DESIGN.md §3).
 */

export type FieldErrors = Record<string, string>;
export type Created = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** A new record as committed: what a list can show at once, before its live query reads it. */
export interface Written {
	id: string;
	scope: string;
	values: Record<string, unknown>;
}

/** Words a person understands, in place of zod's, for the fields a form shows. */
type Wording = Record<string, string>;

function fieldErrors(error: z.ZodError, wording: Wording): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		// A text that is too long keeps the schema's own words ("At most 200 characters").
		const worded = issue.code === 'too_big' ? undefined : wording[field];
		errors[field] ??= worded ?? issue.message;
	}
	return errors;
}

/** Writes one patch, a whole new record or some fields of one already there. */
async function write(
	device: Device,
	type: RecordType,
	id: string,
	scope: string,
	fields: Record<string, unknown>
): Promise<Created> {
	try {
		await writeRecord(device.db, device.clientId, device.userId, { type, id, scope, fields });
		return { ok: true, id };
	} catch (error) {
		// The schema passed but the write function refused: say so rather than lose it silently.
		if (error instanceof InvalidWrite) return { ok: false, errors: { form: error.message } };
		throw error;
	}
}

export interface SchoolInput {
	name: string;
	urn: string;
	phase: (typeof schoolPhases)[number] | '';
	localAuthority: string;
}

/** A school on this device, in the organisation's scope: every advisor sees it after sync. */
export async function createSchool(device: Device, input: SchoolInput): Promise<Created> {
	const parsed = schoolFieldsSchema.safeParse({ ...input, deleted: false });
	if (!parsed.success)
		return {
			ok: false,
			errors: fieldErrors(parsed.error, {
				name: "Enter the school's name",
				urn: 'A URN is six digits, like 100000',
				phase: "Choose the school's phase",
				localAuthority: 'Enter the local authority'
			})
		};
	return write(device, 'school', uuidv7(), 'org', parsed.data);
}

export interface AuditInput {
	schoolId: string;
	title: string;
	componentIds: string[];
	frameworkId?: string;
}

/** An audit led by the signed-in user, its only member for now, at stage 1; its own scope. */
export async function createAudit(device: Device, input: AuditInput): Promise<Created> {
	const id = uuidv7();
	const frameworkId = input.frameworkId ?? imhars.id;
	const framework = frameworks[frameworkId];
	const parsed = auditSchema.safeParse({
		id,
		schoolId: input.schoolId,
		title: input.title,
		frameworkId,
		members: [device.userId],
		lead: device.userId,
		stage: 1,
		componentIds: input.componentIds,
		deleted: false
	});
	const errors = parsed.success
		? {}
		: fieldErrors(parsed.error, { title: 'Give the audit a title' });
	if (!framework) errors.frameworkId = 'This app does not know that framework';
	else if (input.componentIds.length === 0)
		errors.componentIds = 'Choose at least one component to audit';
	else if (input.componentIds.some((c) => !findComponent(framework, c)))
		errors.componentIds = 'Choose components of the framework';
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	const { id: _id, ...fields } = parsed.data;
	return write(device, 'audit', id, id, fields);
}

/** A prompt's text as an activity title: whole when short, else cut at a word with "…". */
export function shortTitle(text: string, max = 80): string {
	const clean = text.trim().replace(/\s+/g, ' ');
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** "2026-11-23T09:30" from a datetime-local field, read as the tablet's local time, in ISO UTC. */
export function localTimeToIso(value: string): string | null | undefined {
	if (value.trim() === '') return null;
	const time = new Date(value);
	return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

export interface ActivityInput {
	auditId: string;
	componentId: string;
	/** The prompt it answers; null for an ad-hoc activity. */
	promptId: string | null;
	kind: ActivityKind | '';
	title: string;
	/** As a datetime-local field gives it, local time; '' for no time yet. */
	plannedStart: string;
	location: string;
}

/** What the "Plan" button of a prompt starts from: its kind and its text, shortened. */
export function activityFromPrompt(auditId: string, componentId: string, prompt: Prompt) {
	return {
		auditId,
		componentId,
		promptId: prompt.id,
		kind: prompt.activityKind,
		title: shortTitle(prompt.text),
		plannedStart: '',
		location: ''
	} satisfies ActivityInput;
}

/** A planned activity of one component, in its audit's scope. */
export async function planActivity(device: Device, input: ActivityInput): Promise<Created> {
	const plannedStart = localTimeToIso(input.plannedStart);
	const location = input.location.trim();
	const parsed = activityFieldsSchema.safeParse({
		componentId: input.componentId,
		promptId: input.promptId,
		kind: input.kind,
		title: input.title,
		status: 'planned',
		// undefined: not a time; handing the schema the typed text makes it say so.
		plannedStart: plannedStart === undefined ? input.plannedStart : plannedStart,
		location: location === '' ? null : location,
		deleted: false
	});
	if (!parsed.success)
		return {
			ok: false,
			errors: fieldErrors(parsed.error, {
				title: 'Give the activity a title',
				kind: 'Choose the kind of activity',
				plannedStart: 'Enter a date and time, or leave it empty'
			})
		};
	return write(device, 'activity', uuidv7(), input.auditId, parsed.data);
}

export interface ObservationInput {
	auditId: string;
	activityId: string;
	componentId: string;
	text: string;
	location: string;
	judgement: (typeof judgements)[number];
	practiceIds: string[];
	/** Photos already stored on the device (`storePhoto`), in the order they were taken. */
	photoHashes?: string[];
	/** What some capture screens add (DESIGN.md §1); each is checked by the domain schema. */
	extra?: Pick<
		Partial<z.infer<typeof observationFieldsSchema>>,
		'verbatim' | 'interaction' | 'questionId' | 'colour' | 'theme' | 'indicator' | 'safeguarding'
	>;
}

/** One note of evidence, captured now, in its audit's scope, with its photos. */
export async function addObservation(
	device: Device,
	input: ObservationInput,
	now = Date.now()
): Promise<Created & { written?: Written }> {
	const location = input.location.trim();
	const parsed = observationFieldsSchema.safeParse({
		activityId: input.activityId,
		componentId: input.componentId,
		text: input.text,
		practiceIds: input.practiceIds,
		judgement: input.judgement,
		capturedAt: new Date(now).toISOString(),
		location: location === '' ? null : location,
		photoHashes: input.photoHashes ?? [],
		...input.extra,
		deleted: false
	});
	if (!parsed.success)
		return {
			ok: false,
			errors: fieldErrors(parsed.error, {
				text: 'Write the observation',
				photoHashes: 'Take the photos again: one was not stored properly',
				judgement: 'Choose a judgement'
			})
		};
	const problem = crossFieldProblem('observation', parsed.data);
	if (problem) return { ok: false, errors: { text: problem } };
	const id = uuidv7();
	const result = await write(device, 'observation', id, input.auditId, parsed.data);
	return result.ok
		? { ...result, written: { id, scope: input.auditId, values: parsed.data } }
		: result;
}

/**
 * Some fields of a record already on the device: a theme given to a sticky note, a guide
 * edited, an observation deleted. `writeRecord` checks each field with its domain schema and
 * the merged record with the cross-field rules; a refusal comes back as a form error.
 */
export async function patchRecord(
	device: Device,
	record: { type: RecordType; id: string; scope: string },
	fields: Record<string, unknown>
): Promise<Created> {
	return write(device, record.type, record.id, record.scope, fields);
}

/** Where an activity stands (DESIGN.md §1); its prompt's checklist item follows from it. */
export async function setActivityStatus(
	device: Device,
	activity: { id: string; auditId: string; status: string },
	status: string
): Promise<Created> {
	const parsed = activityStatusSchema.safeParse(status);
	if (!parsed.success)
		return { ok: false, errors: { status: 'Choose planned, in progress or done' } };
	// The same status again would be a change with nothing in it: one less to sync.
	if (parsed.data === activity.status) return { ok: true, id: activity.id };
	return write(device, 'activity', activity.id, activity.auditId, { status: parsed.data });
}
