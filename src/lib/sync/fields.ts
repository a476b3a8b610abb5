import type { z } from 'zod';
import { activityFieldsSchema } from '../domain/activity';
import { auditFieldsSchema } from '../domain/audit';
import { conflictFieldsSchema } from '../domain/conflict';
import { observationFieldsSchema } from '../domain/observation';
import { recordTypeSchema, type RecordType } from '../domain/record-type';
import { schoolFieldsSchema } from '../domain/school';

/** The fields each synced type may carry, each with its own schema (DESIGN.md §6). */
export const fieldSchemas: Record<RecordType, z.ZodObject> = {
	school: schoolFieldsSchema,
	audit: auditFieldsSchema,
	activity: activityFieldsSchema,
	observation: observationFieldsSchema,
	conflict: conflictFieldsSchema
};

/** Free-text fields: a concurrent edit of one of these keeps both texts as a conflict. */
export const textFields: Record<RecordType, readonly string[]> = {
	school: ['name'],
	audit: ['title'],
	activity: ['title'],
	observation: ['text'],
	conflict: []
};

export type FieldCheck =
	| { ok: true; type: RecordType }
	| { ok: false; reason: 'invalid' | 'unknown-type'; detail: string };

/**
 * Validates a change's fields against its type. A new record must carry every required field;
 * a patch only the fields it changes. A field the schema does not declare is invalid: stored
 * fields are declared ones, so every client can rely on what it pulls.
 */
export function checkChangeFields(
	type: string,
	fields: Record<string, unknown>,
	isNew: boolean
): FieldCheck {
	const known = recordTypeSchema.safeParse(type);
	if (!known.success)
		return { ok: false, reason: 'unknown-type', detail: `Unknown type "${type}"` };
	const shape = fieldSchemas[known.data].shape as Record<string, z.ZodType>;
	for (const [name, value] of Object.entries(fields)) {
		const schema = shape[name];
		if (!schema) return { ok: false, reason: 'invalid', detail: `Unknown field "${name}"` };
		const result = schema.safeParse(value);
		if (!result.success) {
			return {
				ok: false,
				reason: 'invalid',
				detail: `${name}: ${result.error.issues[0]?.message}`
			};
		}
	}
	if (isNew) {
		const missing = Object.entries(shape)
			.filter(([name, schema]) => !(name in fields) && !schema.safeParse(undefined).success)
			.map(([name]) => name);
		if (missing.length > 0) {
			return { ok: false, reason: 'invalid', detail: `A new ${type} needs ${missing.join(', ')}` };
		}
	}
	return { ok: true, type: known.data };
}
