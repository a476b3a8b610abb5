import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Public on purpose: the app pings it to tell whether the server is reachable. */
export const GET: RequestHandler = () => json({ status: 'ok', version: __FIELDBOOK_VERSION__ });
