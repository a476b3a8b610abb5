/** The answer of a JSON API call; `data` is the parsed body (or null when there is none). */
export interface ApiAnswer {
	ok: boolean;
	status: number;
	data: Record<string, unknown> | null;
}

/** Calls the server's JSON API with the session cookie. A network failure rejects. */
export async function api(
	path: string,
	init: { method?: string; body?: unknown; fetch?: typeof fetch } = {}
): Promise<ApiAnswer> {
	const { method = init.body === undefined ? 'GET' : 'POST', body, fetch: f = fetch } = init;
	const response = await f(path, {
		method,
		credentials: 'same-origin',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	let data: Record<string, unknown> | null = null;
	try {
		data = text ? (JSON.parse(text) as Record<string, unknown>) : null;
	} catch {
		data = null;
	}
	return { ok: response.ok, status: response.status, data };
}

/** The sentence an error answer carries, or a plain fallback. */
export function messageOf(answer: ApiAnswer, fallback = 'Something went wrong'): string {
	const message = answer.data?.message;
	return typeof message === 'string' ? message : `${fallback} (${answer.status})`;
}

export function fieldErrorsOf(answer: ApiAnswer): Record<string, string> {
	const fields = answer.data?.fields;
	return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}
