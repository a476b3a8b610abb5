import { randomBytes } from 'node:crypto';
import { expect, request, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { e2eAdmin } from '../../playwright.config';

/*
 * Set-up through the wire API of DESIGN.md §6, as another client would do it: every body is
 * JSON and every write carries this site's Origin (src/lib/server/guard.ts).
 */

export interface Account {
	id: string;
	email: string;
	name: string;
	password: string;
}

/** A request context of its own (its own cookie jar), signed in as `email`. */
export async function apiSession(baseURL: string, email: string, password: string) {
	const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const login = await api.post('/api/auth/login', { data: { email, password } });
	expect(login.status()).toBe(200);
	return api;
}

export const adminSession = (baseURL: string) =>
	apiSession(baseURL, e2eAdmin.email, e2eAdmin.password);

export async function createAdvisor(admin: APIRequestContext, name: string): Promise<Account> {
	const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@fieldbook.test`;
	const password = `${name} keeps a long passphrase`;
	const answer = await admin.post('/api/admin/users', {
		data: { email, name, password, role: 'advisor' }
	});
	expect(answer.status()).toBe(201);
	const { user } = await answer.json();
	return { id: user.id, email, name, password };
}

export interface SeededAudit {
	auditId: string;
	activityId: string;
	observationId: string;
	title: string;
	text: string;
}

/** A school, an audit led by `lead` with `members`, one activity and one observation, pushed as one batch. */
export async function seedAudit(
	api: APIRequestContext,
	lead: string,
	members: string[]
): Promise<SeededAudit> {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const [schoolId, auditId, activityId, observationId] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
	const title = `Audit ${randomBytes(3).toString('hex')}`;
	const text = 'Calm lunch queue; staff greet pupils by name.';
	const records = [
		{
			type: 'school',
			recordId: schoolId,
			scope: 'org',
			fields: {
				name: 'Drayton Park Primary',
				urn: '100000',
				phase: 'primary',
				localAuthority: 'Islington',
				deleted: false
			}
		},
		{
			type: 'audit',
			recordId: auditId,
			scope: auditId,
			fields: {
				schoolId,
				title,
				frameworkId: 'imhars',
				members,
				lead,
				stage: 2,
				componentIds: [],
				deleted: false
			}
		},
		{
			type: 'activity',
			recordId: activityId,
			scope: auditId,
			fields: {
				componentId: 'c1',
				promptId: null,
				kind: 'learning-walk',
				title: 'Learning walk at lunch',
				status: 'in-progress',
				plannedStart: null,
				location: 'Dining hall',
				deleted: false
			}
		},
		{
			type: 'observation',
			recordId: observationId,
			scope: auditId,
			fields: {
				activityId,
				componentId: 'c1',
				text,
				practiceIds: [],
				judgement: 'strength',
				capturedAt: wall,
				location: 'Dining hall',
				photoHashes: [],
				deleted: false
			}
		}
	];
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		...r,
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect(push.status()).toBe(200);
	const body = await push.json();
	expect(body).toMatchObject({ lastProcessedSeq: 4, quarantined: [], conflicts: 0 });
	return { auditId, activityId, observationId, title, text };
}

/** A change as the pull API gives it. */
export interface PulledChange {
	clientId: string;
	seq: number;
	type: string;
	recordId: string;
	fields: Record<string, unknown>;
	hlc: string;
}

/** Every change this user may read, the whole log pulled page by page. */
export async function pulledChanges(api: APIRequestContext): Promise<PulledChange[]> {
	const changes: PulledChange[] = [];
	let since: string | null = null;
	for (;;) {
		const query: string = since ? `&since=${encodeURIComponent(since)}` : '';
		const answer = await api.get(`/api/sync/pull?limit=500${query}`);
		expect(answer.status()).toBe(200);
		const page = await answer.json();
		changes.push(...page.changes);
		if (!page.more) break;
		since = page.cursor;
	}
	return changes;
}

/** Pulls the whole log as this user and returns the record's fields as the server merged them. */
export async function pulledFields(api: APIRequestContext, recordId: string) {
	const fields: Record<string, { value: unknown; hlc: string }> = {};
	for (const change of await pulledChanges(api)) {
		if (change.recordId !== recordId) continue;
		for (const [name, value] of Object.entries(change.fields)) {
			if (!fields[name] || fields[name].hlc < change.hlc) fields[name] = { value, hlc: change.hlc };
		}
	}
	return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.value]));
}
