// A school visit as the bench writes it: one school, one audit, its activities and their
// observations, as patches for the app's own write function (Patch in src/lib/client/db/write.ts).
// Made from a seeded generator, so that every run writes the same shapes and sizes.
import { v7 as uuidv7 } from 'uuid';

const components = ['vision-values', 'support-networks', 'teaching-learning', 'curriculum'];
const places = ['Classroom', 'Playground', 'Dining hall', 'Corridor', 'Library'];
const kinds = ['learning-walk', 'interview', 'focus-group', 'lesson-observation', 'pupil-task'];
const judgements = ['strength', 'development', 'neutral'];
const interactions = ['staff-pupil', 'pupil-pupil', 'staff-staff'];
const words = (
	'staff greet pupils by name at the door and the calm start to the lesson lets quieter ' +
	'children settle a worry box sits by the reading corner with slips and pencils beside it ' +
	'two pupils explain the zones of regulation display and point to where they were this ' +
	'morning lunchtime buddies in yellow caps invite a child standing alone to join the game ' +
	'the teacher notices a pupil withdrawing and offers a quiet job without drawing attention'
).split(' ');

/** A small seeded generator (mulberry32): the same seed writes the same visit. */
export function generator(seed = 1) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	/** @template T @param {readonly T[]} list @returns {T} */
	const pick = (list) => list[Math.floor(next() * list.length)];
	/** @param {number} length */
	const sentence = (length) => {
		let text = '';
		while (text.length < length) text += (text ? ' ' : '') + pick(words);
		return text.charAt(0).toUpperCase() + text.slice(1, length).trimEnd() + '.';
	};
	return { next, pick, sentence };
}

/**
 * One observation's fields: about 1 KB of JSON, as a long note tagged with practices.
 * @param {ReturnType<typeof generator>} g @param {string} activityId @param {string} componentId
 * @param {number} at epoch ms
 */
export function observationFields(g, activityId, componentId, at, textLength = 720) {
	return {
		activityId,
		componentId,
		text: g.sentence(textLength),
		practiceIds: [`${componentId}.sp${1 + Math.floor(g.next() * 4)}`, `${componentId}.sp5`],
		judgement: g.pick(judgements),
		capturedAt: new Date(at).toISOString(),
		location: g.pick(places),
		photoHashes: [],
		interaction: g.pick(interactions),
		deleted: false
	};
}

/**
 * A visit of `observations` notes over `activities` activities, the first a learning walk in
 * progress now (the Today view's headline), the notes spread evenly over the activities and
 * over the last day and a half.
 * @param {{ userId: string, observations: number, activities?: number, seed?: number,
 *   title?: string, now?: number }} options
 */
export function visit({
	userId,
	observations,
	activities = 25,
	seed = 1,
	title = 'Bench learning walk',
	now = Date.now()
}) {
	const g = generator(seed);
	const schoolId = uuidv7();
	const auditId = uuidv7();
	/** @type {{ type: string, id: string, scope: string, fields: Record<string, unknown> }[]} */
	const patches = [
		{
			type: 'school',
			id: schoolId,
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
			id: auditId,
			scope: auditId,
			fields: {
				schoolId,
				title: `Bench audit ${seed}`,
				frameworkId: 'imhars',
				members: [userId],
				lead: userId,
				stage: 2,
				componentIds: components,
				deleted: false
			}
		}
	];
	const span = 36 * 3600_000;
	const acts = Array.from({ length: activities }, (_, i) => {
		const id = uuidv7();
		const componentId = components[i % components.length];
		patches.push({
			type: 'activity',
			id,
			scope: auditId,
			fields: {
				componentId,
				promptId: null,
				kind: i === 0 ? 'learning-walk' : kinds[i % kinds.length],
				title: i === 0 ? title : `Activity ${i + 1}`,
				status: i === 0 ? 'in-progress' : 'planned',
				plannedStart: new Date(i === 0 ? now - 600_000 : now - span + i * 3600_000).toISOString(),
				location: g.pick(places),
				deleted: false
			}
		});
		return { id, componentId };
	});
	for (let i = 0; i < observations; i++) {
		const activity = acts[i % acts.length];
		const at = now - span + Math.floor((i / observations) * span);
		patches.push({
			type: 'observation',
			id: uuidv7(),
			scope: auditId,
			fields: observationFields(g, activity.id, activity.componentId, at)
		});
	}
	const fieldValues = patches.reduce((n, p) => n + Object.keys(p.fields).length, 0);
	return { auditId, learningWalkId: acts[0].id, title, patches, fieldValues };
}
