import { json } from '@sveltejs/kit';
import { frameworkCatalogue } from '$lib/framework';
import { requireUser } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	requireUser(locals);
	return json(frameworkCatalogue());
};
