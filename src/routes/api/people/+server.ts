import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http';
import { listPeople } from '$lib/server/people';
import type { RequestHandler } from './$types';

/** Not in DESIGN.md §6: names for who ticked a step and who can join an audit, to any user. */
export const GET: RequestHandler = async ({ locals }) => {
	requireUser(locals);
	return json({ people: await listPeople(database()) });
};
