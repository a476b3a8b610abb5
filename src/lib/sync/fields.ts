import type { z } from 'zod';
import { JSON_LIMITS, jsonProblem } from '../domain/json-bounds';
import { activityFieldsSchema } from '../domain/activity';
import { auditFieldsSchema } from '../domain/audit';
import { conflictFieldsSchema } from '../domain/conflict';
import { findingFieldsSchema } from '../domain/finding';
import { nextStepFieldsSchema } from '../domain/next-step';
import { emptyObservationProblem, observationFieldsSchema } from '../domain/observation';
import { recordTypeSchema, type RecordType } from '../domain/record-type';
import { reportStatusFieldsSchema, reportStatusProblem } from '../domain/report-status';
import { responseFieldsSchema } from '../domain/response';
import { schoolFieldsSchema } from '../domain/school';
import { stepFieldsSchema } from '../domain/step';

/** The fields each synced type may carry, each with its own schema (DESIGN.md §6). */
export const fieldSchemas: Record<RecordType, z.ZodObject> = {
	school: schoolFieldsSchema,
	audit: auditFieldsSchema,
	activity: activityFieldsSchema,
	observation: observationFieldsSchema,
	response: responseFieldsSchema,
	step: stepFieldsSchema,
	finding: findingFieldsSchema,
	nextStep: nextStepFieldsSchema,
	reportStatus: reportStatusFieldsSchema,
	conflict: conflictFieldsSchema
};

const required = new Map<RecordType, string[]>();

/**
 * The fields a new record of this type must carry: those whose schema refuses `undefined`.
 * The schemas never change, so each type's list is worked out once, not once per new record
 * (a failed parse builds an error: 20,000 of them in a day's push, issue 16).
 */
function requiredFields(type: RecordType): string[] {
	let names = required.get(type);
	if (!names) {
		const shape = fieldSchemas[type].shape as Record<string, z.ZodType>;
		names = Object.entries(shape)
			.filter(([, schema]) => !schema.safeParse(undefined).success)
			.map(([name]) => name);
		required.set(type, names);
	}
	return names;
}

export type FieldCheck =
	| { ok: true; type: RecordType }
	| { ok: false; reason: 'invalid' | 'unknown-type'; detail: string };

/**
 * Validates a change's fields against its type, field by field (`schema.shape[field]`).
 *
 * - An unknown type is 'unknown-type': a newer app may sync types this server does not know,
 *   and the batch must go on without it.
 * - A field the domain schema does not declare is 'invalid'. DESIGN.md §6 allows more fields
 *   than it lists, but only declared ones: a stored field must have a schema, or a client could
 *   fill the log with data nobody validates and every other client must carry.
 * - A new record (no base) carries every required field, `deleted: false` included. Nothing is
 *   defaulted: validation never rewrites a change, because the logged change must be exactly
 *   what the device stored, or the device and the server would hold different records.
 * - A patch carries only the fields it changes; each is checked on its own. Rules across
 *   fields (the lead is a member) need the merged record: the server checks them after merging.
 */
export function validateChangeFields(
	type: string,
	fields: Record<string, unknown>,
	isNew: boolean
): FieldCheck {
	const known = recordTypeSchema.safeParse(type);
	if (!known.success)
		return { ok: false, reason: 'unknown-type', detail: `Unknown type "${type}"` };
	const shape = fieldSchemas[known.data].shape as Record<string, z.ZodType>;
	for (const [name, value] of Object.entries(fields)) {
		// hasOwn: a field called "constructor" or "toString" must not find Object.prototype's.
		if (!Object.hasOwn(shape, name))
			return { ok: false, reason: 'invalid', detail: `Unknown field "${name}"` };
		const tooBig = jsonProblem(value, JSON_LIMITS.field, name);
		if (tooBig) return { ok: false, reason: 'invalid', detail: tooBig };
		const result = shape[name]!.safeParse(value);
		if (!result.success) {
			const issue = result.error.issues[0];
			return { ok: false, reason: 'invalid', detail: `${name}: ${issue?.message ?? 'invalid'}` };
		}
	}
	if (isNew) {
		const missing = requiredFields(known.data).filter((name) => !Object.hasOwn(fields, name));
		if (missing.length > 0)
			return { ok: false, reason: 'invalid', detail: `A new ${type} needs ${missing.join(', ')}` };
	}
	return { ok: true, type: known.data };
}

/**
 * Rules across fields, checked on the merged record by the server and on the device before it
 * writes: a device that stored what the server will refuse would show a value nobody else has.
 * Returns why the record is invalid, or null.
 */
export function crossFieldProblem(
	type: RecordType,
	values: Record<string, unknown>
): string | null {
	if (type === 'audit') {
		const members = values.members;
		if (!Array.isArray(members) || !members.includes(values.lead))
			return 'The lead must be a member';
	}
	if (type === 'observation') return emptyObservationProblem(values);
	if (type === 'reportStatus') return reportStatusProblem(values);
	return null;
}
