import { z } from 'zod';
import { recordTypes } from '../domain/record-type';
import { fieldSchemas } from './fields';
import { changeSchema, PROTOCOL_VERSION } from './protocol';

/*
 * The contract as JSON Schema (draft 2020-12), generated from the zod schemas the server
 * validates with (DESIGN.md §6, `GET /api/schema`), so a client written in any language can
 * check a change before it sends it. A change is valid when it matches `$defs.Change` and its
 * `fields` match `$defs.newRecord.<type>` (no `base`: a new record arrives whole) or
 * `$defs.patch.<type>` (any non-empty subset). Not expressed here, checked by the server only:
 * rules across fields (the lead is a member; a note is not empty), rights, and JSON_LIMITS.
 */

const draft = 'https://json-schema.org/draft/2020-12/schema';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
	// 'any' for what JSON Schema cannot say (refinements are simply left out).
	const { $schema: _draft, ...rest } = z.toJSONSchema(schema, {
		target: 'draft-2020-12',
		unrepresentable: 'any'
	});
	return rest;
}

function perType(make: (fields: z.ZodObject) => z.ZodType) {
	return Object.fromEntries(recordTypes.map((t) => [t, jsonSchema(make(fieldSchemas[t]))]));
}

/** The document `GET /api/schema` answers. */
export function publishedSchema() {
	return {
		$schema: draft,
		title: `Fieldbook sync protocol v${PROTOCOL_VERSION}`,
		description:
			'A change matches $defs.Change; its fields match $defs.newRecord[type] when base is null or absent, else $defs.patch[type].',
		$defs: {
			Change: jsonSchema(changeSchema),
			newRecord: perType((fields) => fields.strict()),
			patch: Object.fromEntries(
				Object.entries(perType((fields) => fields.partial().strict())).map(([type, schema]) => [
					type,
					{ ...schema, minProperties: 1 }
				])
			)
		}
	};
}
