import { createHash, randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { pushRecords, record, staff, staffAudit, training, wellbeing } from './evidence-api';

/*
 * One note of each kind whose content is more than its words, as issue 14 found them on the
 * Evidence page: a data-review figure with no note and one with a note, an interview note under
 * a guide question, a sticky note with its colour and theme, and a photo of the whole wall.
 * Pushed through the wire API as another tablet would, the photo's bytes through PUT /api/blobs.
 */

export const kinds = {
	dataReview: 'Staff records review',
	interview: 'Interview with the SENCo',
	wall: 'Staff room graffiti wall',
	question: 'Tell me about the training staff have had: what does it look like here?',
	otherQuestion: 'How do you see wellbeing in this school?',
	answer: 'Two INSET days on anxiety; support staff not yet included.',
	planned: { name: 'Staff with a training plan', value: 15, unit: '', period: '' },
	attendance: { name: 'Staff attendance', value: 96.2, unit: '%', period: '2025/26 autumn term' },
	attendanceNote: 'Above the borough average (95.1 %).',
	sticky: 'More time to plan together, please!',
	theme: 'Workload'
};

// An 8 × 8 blue square: enough for the browser to draw.
const square = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGMwTpuJFTEMLQkAyvtMgQDiJ6sAAAAASUVORK5CYII=',
	'base64'
);

export async function seedEvidenceKinds(api: APIRequestContext, lead: string) {
	const title = `Kinds audit ${randomBytes(3).toString('hex')}`;
	const { auditId, records } = staffAudit(lead, title);
	const capturedAt = new Date().toISOString();
	const activity = (kind: string, activityTitle: string, extra: Record<string, unknown> = {}) =>
		record('activity', auditId, {
			componentId: staff.id,
			promptId: staff.prompts.find((p) => p.activityKind === kind)?.id ?? null,
			kind,
			title: activityTitle,
			status: 'done',
			plannedStart: null,
			location: null,
			...extra
		});
	const note = (activityId: string, fields: Record<string, unknown>) =>
		record('observation', auditId, {
			activityId,
			componentId: staff.id,
			text: '',
			practiceIds: [],
			judgement: 'neutral',
			capturedAt,
			location: null,
			photoHashes: [],
			...fields
		});
	const dataReview = activity('data-review', kinds.dataReview);
	const interview = activity('interview', kinds.interview, {
		guide: [
			{ id: 'q1', text: kinds.otherQuestion },
			{ id: 'q2', text: kinds.question, practiceId: training.id }
		]
	});
	const wall = activity('graffiti-wall', kinds.wall, { wallPrompt: 'What makes a good day?' });
	const photo = createHash('sha256').update(square).digest('hex');
	await pushRecords(api, [
		...records,
		dataReview,
		interview,
		wall,
		note(dataReview.recordId, { indicator: kinds.planned, practiceIds: [training.id] }),
		note(dataReview.recordId, {
			indicator: kinds.attendance,
			text: kinds.attendanceNote,
			judgement: 'strength',
			practiceIds: [wellbeing.id]
		}),
		note(interview.recordId, {
			text: kinds.answer,
			questionId: 'q2',
			practiceIds: [training.id]
		}),
		note(wall.recordId, { text: kinds.sticky, colour: 'pink', theme: kinds.theme }),
		note(wall.recordId, { photoHashes: [photo] })
	]);
	const put = await api.put(`/api/blobs/${photo}`, {
		headers: { 'content-type': 'image/png' },
		data: square
	});
	expect(put.status()).toBe(201);
	return { auditId, title };
}
