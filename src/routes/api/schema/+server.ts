import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http';
import { publishedSchema } from '$lib/sync/schema';
import type { RequestHandler } from './$types';

// The same for every request: made once.
let schema: ReturnType<typeof publishedSchema> | null = null;

/** JSON Schema of every record type's fields and of a Change (DESIGN.md §6). */
export const GET: RequestHandler = ({ locals }) => {
	requireUser(locals);
	schema ??= publishedSchema();
	return json(schema);
};
