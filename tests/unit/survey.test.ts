import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import { addResponse, emptyResponseMessage, saveSurvey } from '../../src/lib/client/survey';
import { responsesOf } from '../../src/lib/client/survey-queries';
import { imhars } from '../../src/lib/framework';
import { findTemplate, surveyFromTemplate } from '../../src/lib/framework/survey-templates';
import { advisorWithDevice, auditWithActivity } from '../helpers/fresh-device';

let setup: Awaited<ReturnType<typeof advisorWithDevice>>;
let device: Device;

beforeEach(async () => {
	setup = await advisorWithDevice();
	({ device } = setup);
});
afterEach(() => setup.close());

const component = imhars.components.find((c) => c.id === 'vision-values')!;
const template = findTemplate('pupil-safety')!;
const questionIds = template.questions.map((q) => q.id);

/** An audit with one survey activity, planned from the pupil-safety prompt, as the screens make it. */
async function surveyActivity() {
	return auditWithActivity(device, {
		componentId: component.id,
		promptId: 'vision-values.p3',
		kind: 'survey',
		title: 'Pupil safety survey'
	});
}

describe('saveSurvey', () => {
	it('writes the question set onto the activity', async () => {
		const { auditId, activityId } = await surveyActivity();
		const survey = surveyFromTemplate(template);
		const result = await saveSurvey(device, { id: activityId, auditId }, survey);
		expect(result).toEqual({ ok: true, id: activityId });
		expect((await device.db.records.get(activityId))?.values.survey).toEqual(survey);
		await setup.serverAcceptsOutbox();
	});

	it('refuses an emptied question, named by its id, and no questions at all', async () => {
		const { auditId, activityId } = await surveyActivity();
		const survey = surveyFromTemplate(template);
		survey.questions[2]!.text = '   ';
		const result = await saveSurvey(device, { id: activityId, auditId }, survey);
		expect(result).toEqual({
			ok: false,
			errors: { 'q3.text': 'Write the question, or remove it' }
		});
		const none = await saveSurvey(
			device,
			{ id: activityId, auditId },
			{ ...survey, questions: [] }
		);
		expect(none).toEqual({ ok: false, errors: { form: 'Keep at least one question' } });
		expect((await device.db.records.get(activityId))?.values.survey).toBeUndefined();
	});

	it('refuses a choice question with fewer than two different options', async () => {
		const { auditId, activityId } = await surveyActivity();
		const survey = surveyFromTemplate(template);
		const q4 = survey.questions[3]!;
		expect(q4.type).toBe('multi');
		q4.options = ['Toilets', 'Toilets'];
		const result = await saveSurvey(device, { id: activityId, auditId }, survey);
		expect(result).toEqual({
			ok: false,
			errors: { 'q4.options': 'Give at least two different options, one a line' }
		});
	});
});

describe('addResponse', () => {
	it('writes one response in the audit scope, blanks left out, text trimmed', async () => {
		const { auditId, activityId } = await surveyActivity();
		const before = await device.db.outbox.count();
		const result = await addResponse(device, {
			auditId,
			activityId,
			componentId: component.id,
			questionIds,
			answers: { q1: 4, q2: undefined, q3: true, q4: [], q6: 'Often', q8: '  More adults  ' }
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const record = await device.db.records.get(result.id);
		expect(record).toMatchObject({ type: 'response', scope: auditId, deleted: 0 });
		expect(record?.values).toEqual({
			activityId,
			componentId: component.id,
			answers: { q1: 4, q3: true, q6: 'Often', q8: 'More adults' },
			deleted: false
		});
		expect(await device.db.outbox.count()).toBe(before + 1);
		await setup.serverAcceptsOutbox();
	});

	it('refuses a wholly blank response with a clear message, and writes nothing', async () => {
		const { auditId, activityId } = await surveyActivity();
		const before = await device.db.records.count();
		const result = await addResponse(device, {
			auditId,
			activityId,
			componentId: component.id,
			questionIds,
			answers: { q4: [], q8: '   ', q9: 3 }
		});
		expect(result).toEqual({ ok: false, errors: { form: emptyResponseMessage } });
		expect(await device.db.records.count()).toBe(before);
	});

	it('refuses an answer out of range beside its question', async () => {
		const { auditId, activityId } = await surveyActivity();
		const result = await addResponse(device, {
			auditId,
			activityId,
			componentId: component.id,
			questionIds,
			answers: { q1: 4, q8: 'x'.repeat(4_001) }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors)).toEqual(['q8']);
		expect(await responsesOf(device.db, auditId, activityId)).toEqual([]);
	});
});

describe('responsesOf', () => {
	it("gives the activity's responses in the order entered, not another activity's", async () => {
		const { auditId, activityId } = await surveyActivity();
		const other = await surveyActivity();
		const respond = (activity: string, audit: string, q1: number) =>
			addResponse(device, {
				auditId: audit,
				activityId: activity,
				componentId: component.id,
				questionIds,
				answers: { q1 }
			});
		await respond(activityId, auditId, 1);
		await respond(other.activityId, other.auditId, 2);
		await respond(activityId, auditId, 5);
		const responses = await responsesOf(device.db, auditId, activityId);
		expect(responses.map((r) => r.answers)).toEqual([{ q1: 1 }, { q1: 5 }]);
		expect(responses.every((r) => r.activityId === activityId)).toBe(true);
	});
});
