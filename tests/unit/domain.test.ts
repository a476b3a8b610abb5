import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
	activitySchema,
	auditSchema,
	conflictSchema,
	newUserSchema,
	observationSchema,
	responseSchema,
	schoolSchema,
	stepSchema
} from '../../src/lib/domain';

const lead = uuidv7();
const school = {
	id: uuidv7(),
	name: 'Drayton Park Primary',
	urn: '100412',
	phase: 'primary',
	localAuthority: 'Islington',
	deleted: false
};
const audit = {
	id: uuidv7(),
	schoolId: school.id,
	title: 'Autumn audit',
	frameworkId: 'imhars',
	members: [lead],
	lead,
	stage: 3,
	componentIds: ['vision-values'],
	deleted: false
};
const activity = {
	id: uuidv7(),
	componentId: 'vision-values',
	promptId: 'vision-values.p1',
	kind: 'learning-walk',
	title: 'Morning learning walk',
	status: 'planned',
	plannedStart: '2026-11-23T09:00:00.000Z',
	location: 'Playground',
	deleted: false
};
const observation = {
	id: uuidv7(),
	activityId: activity.id,
	componentId: 'vision-values',
	text: 'Staff greeted every pupil by name at the gate.',
	practiceIds: ['vision-values.sp1'],
	judgement: 'strength',
	capturedAt: '2026-11-23T09:12:00.000Z',
	location: 'Playground',
	photoHashes: ['a'.repeat(64)],
	deleted: false
};

function errorPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
	return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('domain schemas', () => {
	it('accept valid records of every type', () => {
		expect(schoolSchema.safeParse(school).success).toBe(true);
		expect(auditSchema.safeParse(audit).success).toBe(true);
		expect(activitySchema.safeParse(activity).success).toBe(true);
		expect(activitySchema.safeParse({ ...activity, promptId: null }).success).toBe(true);
		expect(observationSchema.safeParse(observation).success).toBe(true);
		const conflict = {
			id: uuidv7(),
			recordType: 'observation',
			recordId: observation.id,
			field: 'text',
			values: [
				{ value: 'one', hlc: '2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65', author: lead },
				{ value: 'two', hlc: '2026-11-23T09:15:03.000Z-0000-0f86d081884c7d65', author: uuidv7() }
			],
			resolved: false
		};
		expect(conflictSchema.safeParse(conflict).success).toBe(true);
	});

	it('refuse a URN that is not six digits, naming the field', () => {
		for (const urn of ['12345', '1234567', '12a456', '']) {
			const result = schoolSchema.safeParse({ ...school, urn });
			expect(result.success).toBe(false);
			expect(errorPaths(result)).toEqual(['urn']);
		}
	});

	it('refuse an unknown phase, judgement, activity kind or status', () => {
		expect(errorPaths(schoolSchema.safeParse({ ...school, phase: 'college' }))).toEqual(['phase']);
		expect(errorPaths(observationSchema.safeParse({ ...observation, judgement: 'good' }))).toEqual([
			'judgement'
		]);
		expect(errorPaths(activitySchema.safeParse({ ...activity, kind: 'chat' }))).toEqual(['kind']);
		expect(errorPaths(activitySchema.safeParse({ ...activity, status: 'maybe' }))).toEqual([
			'status'
		]);
	});

	it('refuse ids that are not UUIDv7 and an empty observation', () => {
		const v4 = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
		expect(errorPaths(schoolSchema.safeParse({ ...school, id: v4 }))).toEqual(['id']);
		const noPhoto = { ...observation, photoHashes: [] };
		expect(errorPaths(observationSchema.safeParse({ ...noPhoto, text: '   ' }))).toEqual(['text']);
		expect(
			errorPaths(observationSchema.safeParse({ ...observation, photoHashes: ['not-a-hash'] }))
		).toEqual(['photoHashes.0']);
	});

	it("accept an observation that is only a photo or only a figure, each kind's fields checked", () => {
		expect(observationSchema.safeParse({ ...observation, text: '' }).success).toBe(true);
		const figure = { name: 'Staff attendance', value: 94.5, unit: '%', period: '2025/26' };
		const indicatorOnly = { ...observation, text: '', photoHashes: [], indicator: figure };
		expect(observationSchema.safeParse(indicatorOnly).success).toBe(true);
		expect(
			errorPaths(
				observationSchema.safeParse({ ...indicatorOnly, indicator: { ...figure, value: 'lots' } })
			)
		).toEqual(['indicator.value']);
		expect(
			errorPaths(observationSchema.safeParse({ ...observation, interaction: 'parent-pupil' }))
		).toEqual(['interaction']);
		expect(errorPaths(observationSchema.safeParse({ ...observation, colour: 'purple' }))).toEqual([
			'colour'
		]);
	});

	it('check survey responses and stage ticks', () => {
		const response = {
			id: uuidv7(),
			activityId: activity.id,
			componentId: 'vision-values',
			answers: { q1: 4, q2: true, q3: 'Often', q4: ['Lunch', 'Break'], q5: 'More quiet spaces' },
			deleted: false
		};
		expect(responseSchema.safeParse(response).success).toBe(true);
		expect(errorPaths(responseSchema.safeParse({ ...response, answers: { q1: 6 } }))).toEqual([
			'answers.q1'
		]);
		const tick = {
			id: uuidv7(),
			stepId: 'stage-1.s1',
			done: true,
			by: lead,
			at: '2026-11-23T09:00:00Z',
			deleted: false
		};
		expect(stepSchema.safeParse(tick).success).toBe(true);
		expect(errorPaths(stepSchema.safeParse({ ...tick, by: 'someone' }))).toEqual(['by']);
	});

	it('require the audit lead to be a member', () => {
		const result = auditSchema.safeParse({ ...audit, lead: uuidv7() });
		expect(errorPaths(result)).toEqual(['lead']);
	});

	it('normalise e-mail and refuse short passwords and unknown roles', () => {
		const ok = newUserSchema.parse({
			email: '  Ada@Example.ORG ',
			name: 'Ada',
			password: 'twelve chars!',
			role: 'advisor'
		});
		expect(ok.email).toBe('ada@example.org');
		const bad = newUserSchema.safeParse({
			email: 'ada',
			name: '',
			password: 'short',
			role: 'boss'
		});
		expect(errorPaths(bad).sort()).toEqual(['email', 'name', 'password', 'role']);
	});
});
