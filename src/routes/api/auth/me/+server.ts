import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => json({ user: requireUser(locals) });
