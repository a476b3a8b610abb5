import { error, json } from '@sveltejs/kit';
import type { z } from 'zod';
import { JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
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

const errorCodes: Record<number, string> = {
	404: 'not-found',
	405: 'method-not-allowed',
	413: 'too-large',
	500: 'internal'
};

/**
 * An /api answer of 400 or more that is not JSON (SvelteKit's own 404, 405 or error page)
 * becomes the API's error shape, keeping its status and headers such as `allow`.
 */
export async function jsonErrors(response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (response.status < 400 || type.startsWith('application/json')) return response;
	const text = (await response.text()).trim();
	const message = type.startsWith('text/plain') && text ? text.slice(0, 200) : response.statusText;
	const headers = new Headers(response.headers);
	headers.delete('content-type');
	headers.delete('content-length');
	const code = errorCodes[response.status] ?? 'error';
	return apiError(response.status, code, message || code, {}, headers);
}

/**
 * A JSON answer like SvelteKit's `json`, encoded once: `json` encodes the text a first time
 * only to count its bytes, then the Response encodes it again. A pull page is about 600 KB
 * (issue 16).
 */
export function jsonAnswer(data: unknown, init?: ResponseInit): Response {
	const body = new TextEncoder().encode(JSON.stringify(data));
	const headers = new Headers(init?.headers);
	headers.set('content-length', String(body.byteLength));
	headers.set('content-type', 'application/json');
	return new Response(body, { ...init, headers });
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

/** Every JSON request body is at most this size, however it is sent (DESIGN.md §6). */
export const MAX_JSON_BODY_BYTES = JSON_LIMITS.body.chars;

/**
 * The body's bytes, refused with 413 past `max` whether it came with a content-length or
 * chunked. An oversized body is still read to its end (adapter-node stops at BODY_SIZE_LIMIT),
 * so the client reads the answer instead of a reset connection, which a device would retry.
 */
export async function readBody(request: Request, max: number, tooLarge: string) {
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		const reader = request.body?.getReader();
		for (;;) {
			const next = await reader?.read();
			if (!next || next.done) break;
			size += next.value.byteLength;
			if (size <= max) chunks.push(next.value);
		}
	} catch (e) {
		// adapter-node's own limit (BODY_SIZE_LIMIT) ends the stream with a 413 error.
		if ((e as { status?: unknown }).status !== 413) throw e;
		size = Infinity;
	}
	if (size > max) error(413, { error: 'too-large', message: tooLarge });
	return Buffer.concat(chunks);
}

/** Reads a JSON body: 413 past the size limit, 400 when it is not JSON. */
export async function readJson(request: Request, tooLarge: string): Promise<unknown> {
	const bytes = await readBody(request, MAX_JSON_BODY_BYTES, tooLarge);
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		error(400, { error: 'invalid', message: 'The request body is not valid JSON', fields: {} });
	}
}

/**
 * Reads and validates a JSON body; a malformed one is a 400 that names each bad field, one
 * outside the bounds (JSON_LIMITS.body) a 400 that says which.
 */
export async function parseJsonBody<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<z.infer<T>> {
	const body = await readJson(request, 'The request body is over 2 MB');
	const tooBig = jsonProblem(body, JSON_LIMITS.body);
	if (tooBig)
		error(400, {
			error: 'invalid',
			message: `The request body is out of bounds: ${tooBig}`,
			fields: {}
		});
	return checkBody(body, schema);
}

/** Validates a parsed body: 400 naming each bad field. */
export function checkBody<T extends z.ZodType>(body: unknown, schema: T): z.infer<T> {
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
