import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { apiError, parseJsonBody, requireUser } from '$lib/server/http';
import { setUserDisabled } from '$lib/server/users';
import type { RequestHandler } from './$types';

const patchSchema = z.object({ disabled: z.boolean() });

/** Disables or re-enables an account; disabling ends its sessions at once. */
export const PATCH: RequestHandler = async ({ locals, request, params }) => {
	const admin = requireUser(locals, ['admin']);
	const { disabled } = await parseJsonBody(request, patchSchema);
	if (disabled && params.id === admin.id) {
		const message = 'You cannot disable your own account';
		return apiError(400, 'invalid', message, { fields: { disabled: message } });
	}
	if (!(await setUserDisabled(database(), params.id, disabled)))
		return apiError(404, 'not-found', 'No such account');
	return json({ id: params.id, disabled });
};
