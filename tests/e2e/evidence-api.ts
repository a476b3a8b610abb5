import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { imhars } from '../../src/lib/framework';

/*
 * An audit of the Staff component with evidence from two kinds of fieldwork, pushed through the
 * wire API of DESIGN.md §6 as one batch, as another client would.
 */

export const staff = imhars.components.find((c) => c.id === 'staff')!;
const sp = (n: number) => staff.practices[n - 1]!;
export const wellbeing = sp(2);
export const training = sp(3);
export const decisions = sp(7);

export const notes = {
	noticed: 'Most staff say the head notices when they are struggling.',
	cancelled: 'Deputy head: training on anxiety was cancelled twice this year.',
	skipped: 'A third of staff skipped the wellbeing questions.',
	caretaker: 'Caretaker feels listened to at briefings.'
};

export interface EvidenceAudit {
	auditId: string;
	title: string;
	survey: string;
	interview: string;
}

export type PushedRecord = ReturnType<typeof record>;

export function record(type: string, scope: string, fields: Record<string, unknown>) {
	return { type, recordId: uuidv7(), scope, fields: { ...fields, deleted: false } };
}

/** A school and an audit of the Staff component led by `lead`, not yet pushed. */
export function staffAudit(lead: string, title: string, schoolName = 'Highbury Quadrant Primary') {
	const school = record('school', 'org', {
		name: schoolName,
		urn: '100001',
		phase: 'primary',
		localAuthority: 'Islington'
	});
	const auditId = uuidv7();
	const audit = {
		...record('audit', auditId, {
			schoolId: school.recordId,
			title,
			frameworkId: 'imhars',
			members: [lead],
			lead,
			stage: 2,
			componentIds: [staff.id]
		}),
		recordId: auditId
	};
	return { auditId, records: [school, audit] };
}

/** One batch from a new client, every record accepted. */
export async function pushRecords(api: APIRequestContext, records: PushedRecord[]) {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const changes = records.map((r, n) => ({
		clientId,
		seq: n + 1,
		...r,
		hlc: `${wall}-${n.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect(push.status()).toBe(200);
	expect(await push.json()).toMatchObject({ lastProcessedSeq: records.length, quarantined: [] });
}

export async function seedEvidence(
	api: APIRequestContext,
	lead: string,
	schoolName?: string
): Promise<EvidenceAudit> {
	const wall = new Date().toISOString();
	const title = `Evidence audit ${randomBytes(3).toString('hex')}`;
	const [survey, interview] = ['Staff wellbeing survey', 'Interview with the deputy head'];
	const { auditId, records: audit } = staffAudit(lead, title, schoolName);
	const activity = (kind: string, activityTitle: string) =>
		record('activity', auditId, {
			componentId: staff.id,
			promptId: staff.prompts.find((p) => p.activityKind === kind)!.id,
			kind,
			title: activityTitle,
			status: 'done',
			plannedStart: null,
			location: null
		});
	const surveyActivity = activity('survey', survey);
	const interviewActivity = activity('interview', interview);
	const note = (
		activityId: string,
		text: string,
		practiceIds: string[],
		judgement: string,
		location: string | null = null
	) =>
		record('observation', auditId, {
			activityId,
			componentId: staff.id,
			text,
			practiceIds,
			judgement,
			capturedAt: wall,
			location,
			photoHashes: []
		});
	const [s, i] = [surveyActivity.recordId, interviewActivity.recordId];
	await pushRecords(api, [
		...audit,
		surveyActivity,
		interviewActivity,
		note(s, notes.noticed, [wellbeing.id], 'strength'),
		note(i, notes.cancelled, [wellbeing.id, training.id], 'development', 'Staff room'),
		note(s, notes.skipped, [wellbeing.id], 'neutral'),
		note(i, notes.caretaker, [], 'strength', 'Staff room')
	]);
	return { auditId, title, survey, interview };
}
