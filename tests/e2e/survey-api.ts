import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { findPrompt, imhars } from '../../src/lib/framework';

/*
 * An audit of "Vision and values" with one survey activity planned from its pupil-safety prompt
 * and no questions yet, pushed through the wire API of DESIGN.md §6 as another client would.
 */

export const pupilSafetyPrompt = findPrompt(imhars, 'vision-values.p3')!;

export interface SurveyAudit {
	auditId: string;
	activityId: string;
	title: string;
	activityTitle: string;
}

export async function seedSurveyAudit(api: APIRequestContext, lead: string): Promise<SurveyAudit> {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const [schoolId, auditId, activityId] = [uuidv7(), uuidv7(), uuidv7()];
	const title = `Survey audit ${randomBytes(3).toString('hex')}`;
	const activityTitle = 'How safe pupils feel';
	const records = [
		{
			type: 'school',
			recordId: schoolId,
			scope: 'org',
			fields: {
				name: 'Ambler Primary',
				urn: '100002',
				phase: 'primary',
				localAuthority: 'Islington'
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
				members: [lead],
				lead,
				stage: 2,
				componentIds: ['vision-values']
			}
		},
		{
			type: 'activity',
			recordId: activityId,
			scope: auditId,
			fields: {
				componentId: 'vision-values',
				promptId: pupilSafetyPrompt.id,
				kind: 'survey',
				title: activityTitle,
				status: 'in-progress',
				plannedStart: null,
				location: 'Year 5 classroom'
			}
		}
	];
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		...r,
		fields: { ...r.fields, deleted: false },
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect(push.status()).toBe(200);
	expect(await push.json()).toMatchObject({ lastProcessedSeq: 3, quarantined: [] });
	return { auditId, activityId, title, activityTitle };
}
