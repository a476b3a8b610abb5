// The demo's short reports (issue 11): the vision component's report drafted with findings
// linked to its notes and three next steps on the risk × capacity grid, agreed with the deputy
// head; the staff component's report still a draft. Invented, like the rest of the demo.
import { v7 as uuidv7 } from 'uuid';

/** @typedef {{ type: string, recordId: string, scope: string, fields: Record<string, unknown> }} DemoRecord */

/**
 * @param {DemoRecord[]} records the demo's records so far (its observations are linked)
 * @param {string} auditId @param {string} dana the demo advisor @param {number} now
 * @returns {DemoRecord[]}
 */
export function demoReports(records, auditId, dana, now) {
	/** @param {string} words */
	const noteId = (words) => {
		const found = records.find(
			(r) => r.type === 'observation' && String(r.fields.text).includes(words)
		);
		if (!found) throw new Error(`No demo note says "${words}"`);
		return found.recordId;
	};
	/** @type {DemoRecord[]} */
	const out = [];
	/** @param {string} type @param {Record<string, unknown>} fields */
	const add = (type, fields) => {
		const recordId = uuidv7();
		out.push({ type, recordId, scope: auditId, fields: { ...fields, deleted: false } });
		return recordId;
	};
	const day = (/** @type {number} */ days) =>
		new Date(now + days * 86_400_000).toISOString().slice(0, 10);
	const at = (/** @type {number} */ minutesAgo) =>
		new Date(now - minutesAgo * 60_000).toISOString();

	/** @param {string} componentId @param {'strength' | 'challenge'} kind @param {string} text @param {string[]} notes @param {number} position */
	const finding = (componentId, kind, text, notes, position) =>
		add('finding', { componentId, kind, text, evidence: notes.map(noteId), position });

	const vision = 'vision-values';
	const known = finding(
		vision,
		'strength',
		'Pupils and staff know the school’s three values and can say what they look like day to day.',
		['Pupils name the three values', 'Being kind means', 'Values display in the entrance'],
		0
	);
	finding(
		vision,
		'strength',
		'Staff greet and praise pupils warmly and specifically; relationships in class are a strength.',
		['Head greets families', 'Year 3 teacher thanks a pupil'],
		1
	);
	const lunch = finding(
		vision,
		'challenge',
		'The values are less visible at lunchtime: supervision is thin at the far end of the playground and pupils feel less listened to.',
		[
			'One pupil on the edge of the playground',
			'Midday supervisors stand together',
			'Sometimes dinner ladies'
		],
		0
	);
	const voice = finding(
		vision,
		'challenge',
		'Pupils are not yet part of decisions: school council’s role is unclear and requests go unanswered.',
		['school council but not how', 'We asked for a quiet area'],
		1
	);

	/** @param {string} text @param {string} owner @param {number} dueIn @param {'low' | 'high'} risk @param {'low' | 'high'} capacity @param {string[]} findingIds @param {number} position */
	const step = (text, owner, dueIn, risk, capacity, findingIds, position) =>
		add('nextStep', {
			componentId: vision,
			text,
			owner,
			due: day(dueIn),
			status: 'open',
			risk,
			capacity,
			findingIds,
			position
		});
	step(
		'Brief midday supervisors on the values and agree where each stands at lunch.',
		'Deputy head',
		21,
		'high',
		'high',
		[lunch],
		0
	);
	step(
		'Give school council a termly slot with the head and report back what changed.',
		'PSHE lead',
		60,
		'high',
		'low',
		[voice],
		1
	);
	step(
		'Add pupils’ own examples of the values to each classroom display.',
		'Class teachers',
		45,
		'low',
		'high',
		[known],
		2
	);

	/** @param {string} status @param {string | null} agreedWith @param {string} note @param {number} minutesAgo */
	const status = (status, agreedWith, note, minutesAgo) =>
		add('reportStatus', {
			componentId: vision,
			status,
			with: agreedWith,
			note,
			at: at(minutesAgo),
			by: dana
		});
	status('draft', null, 'First draft after day 1', 60);
	status('agreed', 'Deputy head', 'Agreed at the end-of-visit meeting', 15);

	const staff = 'staff';
	finding(
		staff,
		'strength',
		'Staff attendance is above the borough average.',
		['Above the borough average'],
		0
	);
	finding(
		staff,
		'challenge',
		'Support staff have mostly not had mental health awareness training.',
		['Support staff mostly not yet trained'],
		0
	);
	return out;
}
