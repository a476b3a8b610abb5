// The wire API of DESIGN.md §6 from Node, as another client would use it: JSON bodies, this
// site's Origin on every write, the session cookie kept.
import { randomBytes } from 'node:crypto';

export class Api {
	/** @param {string} base */
	constructor(base) {
		this.base = base;
		this.cookie = '';
	}

	/** @param {string} path @param {{ method?: string, body?: unknown }} [options] */
	async call(path, { method = 'GET', body } = {}) {
		/** @type {Record<string, string>} */
		const headers = { origin: this.base };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(this.base + path, {
			method: body !== undefined && method === 'GET' ? 'POST' : method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const set = response.headers.getSetCookie();
		if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	}

	/** @param {string} email @param {string} password */
	async signIn(email, password) {
		const answer = await this.call('/api/auth/login', { body: { email, password } });
		if (answer.status !== 200) throw new Error(`sign-in as ${email}: ${answer.status}`);
		return /** @type {{ id: string, email: string, name: string }} */ (answer.body.user);
	}
}

/**
 * A new advisor account (the admin's session creates it).
 * @param {Api} adminApi @param {string} name
 */
export async function createAdvisor(adminApi, name) {
	const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@fieldbook.test`;
	const password = `${name} keeps a long bench passphrase`;
	const answer = await adminApi.call('/api/admin/users', {
		body: { email, name, password, role: 'advisor' }
	});
	if (answer.status !== 201) throw new Error(`create ${name}: ${answer.status}`);
	return { id: /** @type {string} */ (answer.body.user.id), email, name, password };
}
