import { error, json } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Role, User } from '$lib/domain/user';

/** Every API error has the same shape: a stable code for programs, a sentence for people. */
export function apiError(
	status: number,
	code: string,
	message: string,
	extra: Record<string, unknown> = {},
	headers?: HeadersInit
) {
	return json({ error: code, message, ...extra }, { status, headers });
}

/** Field errors keyed by field path, e.g. { email: 'Enter a valid email address' }. */
export function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of issues) {
		const key = issue.path.join('.') || '(body)';
		fields[key] ??= issue.message;
	}
	return fields;
}

/** Reads and validates a JSON body; a malformed one is a 400 that names each bad field. */
export async function parseJsonBody<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<z.infer<T>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, { error: 'invalid', message: 'The request body is not valid JSON', fields: {} });
	}
	const result = schema.safeParse(body);
	if (!result.success) {
		const fields = fieldErrors(result.error.issues);
		const message = `Check these fields: ${Object.keys(fields).join(', ')}`;
		error(400, { error: 'invalid', message, fields });
	}
	return result.data;
}

/** The signed-in user, or a 401 (a 403 when their role is not among `roles`). */
export function requireUser(locals: App.Locals, roles?: readonly Role[]): User {
	if (!locals.user) error(401, { message: 'Sign in first', error: 'unauthenticated' });
	if (roles && !roles.includes(locals.user.role))
		error(403, { message: 'Your account may not do this', error: 'forbidden' });
	return locals.user;
}
