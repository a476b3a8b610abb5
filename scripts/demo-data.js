// The demo school's visit (`npm run demo`): an audit at stage 3, day 1 done and day 2 under
// way, with about fifty observations. Invented, and never about a named child.
import { v7 as uuidv7 } from 'uuid';
import { demoReports } from './demo-report.js';

/** @typedef {import('../src/lib/framework/schema').Framework} Framework */
/** @typedef {import('../src/lib/framework/schema').FrameworkComponent} Component */
/** @typedef {{ type: string, recordId: string, scope: string, fields: Record<string, unknown> }} DemoRecord */
/** @typedef {[string, string, string | null, string, number[]]} WalkNote */
/** @typedef {[number, string, string, number[], boolean]} TalkNote */

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Notes of a learning walk: [text, place, interaction, judgement, practice numbers]. */
/** @type {WalkNote[]} */
const morningWalk = [
	[
		'Head greets families at the gate by name; several parents stop to chat.',
		'Other',
		'staff-pupil',
		'strength',
		[1]
	],
	[
		'Values display in the entrance ("Kind, Brave, Curious") with pupils’ own drawings.',
		'Corridor',
		null,
		'strength',
		[1, 3]
	],
	[
		'Year 3 teacher thanks a pupil for holding the door; praise is specific.',
		'Corridor',
		'staff-pupil',
		'strength',
		[1, 7]
	],
	[
		'Two Year 6 pupils settle a dispute over the football themselves, using “I felt…” words.',
		'Playground',
		'pupil-pupil',
		'strength',
		[1, 4]
	],
	[
		'One pupil on the edge of the playground for ten minutes; no adult notices.',
		'Playground',
		'pupil-pupil',
		'development',
		[4]
	],
	[
		'Midday supervisors stand together talking; little interaction with pupils at the far end.',
		'Playground',
		'staff-staff',
		'development',
		[4, 7]
	],
	[
		'Calm corner in Year 1 with feelings cards; the teacher uses it with a pupil who is upset.',
		'Classroom',
		'staff-pupil',
		'strength',
		[4, 5]
	],
	[
		'Year 5 class agrees its own rules; they echo the school values, written by pupils.',
		'Classroom',
		'pupil-pupil',
		'strength',
		[3, 6]
	],
	[
		'Two teachers plan a shared trip in the staffroom; warm, joking, supportive tone.',
		'Other',
		'staff-staff',
		'strength',
		[1, 5]
	],
	[
		'Behaviour policy on classroom walls differs between Year 2 and Year 4.',
		'Classroom',
		null,
		'development',
		[3]
	],
	[
		'Pupils laugh together during a class game at the end of maths.',
		'Classroom',
		'pupil-pupil',
		'strength',
		[5]
	],
	[
		'A teaching assistant kneels to a pupil’s level and lets them finish speaking.',
		'Classroom',
		'staff-pupil',
		'strength',
		[1, 7]
	],
	[
		'Corridor at change-over is loud and rushed; an adult raises their voice twice.',
		'Corridor',
		'staff-pupil',
		'development',
		[3, 7]
	],
	[
		'School council minutes displayed: pupils asked for more quiet spaces at lunch.',
		'Corridor',
		null,
		'neutral',
		[6, 8]
	]
];

/** @type {WalkNote[]} */
const lunchWalk = [
	[
		'Dining hall: a “buddy table” where older pupils sit with Reception children.',
		'Dining hall',
		'pupil-pupil',
		'strength',
		[1, 5]
	],
	[
		'Queue is long and pupils jostle; no adult by the queue.',
		'Dining hall',
		'pupil-pupil',
		'development',
		[3, 4]
	],
	[
		'Lunch staff use pupils’ names and ask about their morning.',
		'Dining hall',
		'staff-pupil',
		'strength',
		[1]
	],
	[
		'A supervisor uses the same calm script as teachers (“Stop, think, choose”).',
		'Dining hall',
		'staff-pupil',
		'strength',
		[3]
	],
	[
		'Playground zones: quiet zone with benches is full; ball zone dominates the space.',
		'Playground',
		'pupil-pupil',
		'neutral',
		[4, 5]
	],
	[
		'A pupil reports a push to an adult, who listens and follows it up with both pupils.',
		'Playground',
		'staff-pupil',
		'strength',
		[4]
	],
	[
		'Raised voices from two adults disagreeing about a sanction, in front of pupils.',
		'Playground',
		'staff-staff',
		'development',
		[3, 7]
	],
	[
		'Play leaders from Year 6 run a skipping game; younger pupils join in.',
		'Playground',
		'pupil-pupil',
		'strength',
		[5, 6]
	],
	[
		'Whistle to end lunch: most pupils line up quickly, praised by name.',
		'Playground',
		'staff-pupil',
		'neutral',
		[3]
	],
	[
		'No shade or shelter: pupils cluster by the wall when it starts to rain.',
		'Playground',
		null,
		'development',
		[4]
	]
];

/** A focus group's notes: [question number, text, judgement, practice numbers, verbatim]. */
/** @type {TalkNote[]} */
const focusGroup = [
	[
		1,
		'Pupils name the three values at once and give examples from assemblies.',
		'strength',
		[1],
		false
	],
	[1, 'Being kind means you don’t leave anyone out at playtime.', 'strength', [1], true],
	[
		2,
		'Most say they would tell their class teacher if something was wrong.',
		'strength',
		[4],
		false
	],
	[2, 'Sometimes dinner ladies don’t listen because they’re busy.', 'development', [4, 7], true],
	[
		3,
		'They know about school council but not how its members are chosen.',
		'development',
		[6],
		false
	],
	[3, 'We asked for a quiet area and nothing happened.', 'development', [6, 8], true],
	[4, 'Rewards feel fair in class; less so at lunch, where rules differ.', 'neutral', [3], false],
	[4, 'Pupils enjoy the Friday celebration assembly; parents come too.', 'strength', [5], false]
];

/** @type {TalkNote[]} */
const interview = [
	[
		1,
		'Head: vision written with staff in 2023; reviewed each September with governors.',
		'strength',
		[2],
		false
	],
	[
		1,
		'Teacher: knows the values, less sure how they shape decisions on behaviour.',
		'neutral',
		[3, 7],
		false
	],
	[2, 'We say wellbeing matters but the marking load says otherwise.', 'development', [2], true],
	[
		2,
		'Wellbeing is a standing item in the school development plan, with a named governor.',
		'strength',
		[2],
		false
	],
	[
		3,
		'Staff asked about the new behaviour policy but not pupils or parents.',
		'development',
		[6, 8],
		false
	],
	[3, 'Head plans a pupil voice survey this term.', 'neutral', [6], false]
];

/** @type {[string, string, number[]][]} */
const lesson = [
	[
		'Year 4 PSHE on friendships: starts with a feelings check-in, every pupil answers.',
		'strength',
		[1, 4]
	],
	['Pupils role-play asking a friend to join in; teacher models the words.', 'strength', [1, 6]],
	[
		'Two pupils do not take part; the teacher notices and pairs them with kind partners.',
		'strength',
		[4]
	],
	[
		'Discussion of online unkindness: pupils unsure whom to tell about messages.',
		'development',
		[4]
	],
	[
		'Ends with each pupil writing one kind act for the week; displayed on the class wall.',
		'strength',
		[5]
	]
];

/** @type {[string, string, number[]][]} */
const assembly = [
	['Friendship week assembly led by Year 6; songs and pupils’ own poems.', 'strength', [1, 5]],
	['Head names “kind acts” spotted by staff; pupils clearly proud.', 'strength', [1, 7]],
	['Reception pupils restless at the back; assembly ran 35 minutes.', 'neutral', [5]]
];

/** @type {[string, number, string, string, string, string, number[]][]} */
const indicators = [
	[
		'Staff attendance',
		96.2,
		'%',
		'2025/26 autumn term',
		'Above the borough average (95.1 %).',
		'strength',
		[2]
	],
	[
		'Staff sickness absence',
		142,
		'days',
		'2025/26 autumn term',
		'Two long-term absences account for 60 days.',
		'neutral',
		[2]
	],
	['Staff turnover', 11, '%', '2024/25', 'Mostly retirements and relocations.', 'neutral', [2, 5]],
	[
		'Staff who had mental health awareness training',
		64,
		'%',
		'Since September 2025',
		'Support staff mostly not yet trained.',
		'development',
		[3, 4]
	]
];

/**
 * The demo's records, for a push from one new device. `framework` is `/api/framework`'s
 * catalogue; `dana` leads, `sam` is a member; times are around `now`.
 * @param {Framework} framework @param {string} dana @param {string} sam @param {number} now
 */
export function demoRecords(framework, dana, sam, now) {
	const vision = framework.components.find((c) => c.id === 'vision-values');
	const staff = framework.components.find((c) => c.id === 'staff');
	if (!vision || !staff) throw new Error('The framework has no vision-values or staff component');
	/** @param {Component} component @param {number[]} numbers */
	const practice = (component, numbers) => numbers.map((n) => component.practices[n - 1]?.id);
	/** @param {number} ms */
	const at = (ms) => new Date(Math.round(ms / MINUTE) * MINUTE).toISOString();
	// Day 1 was yesterday from 08:45; day 2 is today, its morning around now.
	const yesterday = new Date(now - 24 * HOUR);
	yesterday.setHours(8, 45, 0, 0);
	const day1 = yesterday.getTime();

	/** @type {DemoRecord[]} */
	const records = [];
	/** @param {string} type @param {string} scope @param {Record<string, unknown>} fields */
	const add = (type, scope, fields, id = uuidv7()) => (
		records.push({ type, recordId: id, scope, fields }),
		id
	);

	const schoolId = add('school', 'org', {
		name: 'Hartwell Primary School',
		urn: '999101',
		phase: 'primary',
		localAuthority: 'Islington',
		deleted: false
	});
	const auditId = uuidv7();
	add(
		'audit',
		auditId,
		{
			schoolId,
			title: 'Autumn 2026 audit',
			frameworkId: framework.id,
			members: [dana, sam],
			lead: dana,
			stage: 3,
			componentIds: [vision.id, staff.id],
			deleted: false
		},
		auditId
	);

	/**
	 * @param {Component} component @param {number | null} promptNumber @param {string} kind
	 * @param {string} title @param {number} start @param {string} location @param {string} status
	 * @param {Record<string, unknown>} [extra]
	 */
	const activity = (component, promptNumber, kind, title, start, location, status, extra = {}) =>
		add('activity', auditId, {
			componentId: component.id,
			promptId: promptNumber === null ? null : (component.prompts[promptNumber - 1]?.id ?? null),
			kind,
			title,
			status,
			plannedStart: at(start),
			location,
			...extra,
			deleted: false
		});
	/**
	 * @param {string} activityId @param {Component} component @param {number} capturedAt
	 * @param {Record<string, unknown>} fields
	 */
	const note = (activityId, component, capturedAt, fields) =>
		add('observation', auditId, {
			activityId,
			componentId: component.id,
			capturedAt: at(capturedAt),
			photoHashes: [],
			location: null,
			...fields,
			deleted: false
		});

	const assemblyId = activity(
		vision,
		null,
		'event',
		'Friendship week assembly',
		day1,
		'Hall',
		'done'
	);
	assembly.forEach(([text, judgement, practices], i) =>
		note(assemblyId, vision, day1 + (5 + i * 10) * MINUTE, {
			text,
			judgement,
			practiceIds: practice(vision, practices),
			location: 'Hall'
		})
	);

	/**
	 * @param {WalkNote[]} rows @param {number} promptNumber @param {string} title
	 * @param {number} start @param {string} location
	 */
	const walk = (rows, promptNumber, title, start, location) => {
		const id = activity(vision, promptNumber, 'learning-walk', title, start, location, 'done');
		rows.forEach(([text, place, interaction, judgement, practices], i) =>
			note(id, vision, start + (4 + i * 5) * MINUTE, {
				text,
				location: place,
				interaction,
				judgement,
				practiceIds: practice(vision, practices)
			})
		);
	};
	walk(morningWalk, 1, 'Learning walk: interactions', day1 + 45 * MINUTE, 'Whole school');
	walk(lunchWalk, 2, 'Lunchtime behaviour walk', day1 + 3.5 * HOUR, 'Dining hall and playground');

	/**
	 * @param {TalkNote[]} rows @param {number} promptNumber @param {string} kind
	 * @param {string} title @param {number} start @param {string} location @param {string} status
	 * @param {string[]} questions @param {{ role: string, count: number }[]} participants
	 */
	const conversation = (
		rows,
		promptNumber,
		kind,
		title,
		start,
		location,
		status,
		questions,
		participants
	) => {
		const guide = questions.map((text, i) => ({ id: `q${i + 1}`, text }));
		const id = activity(vision, promptNumber, kind, title, start, location, status, {
			guide,
			participants
		});
		rows.forEach(([question, text, judgement, practices, verbatim], i) =>
			note(id, vision, start + (5 + i * 4) * MINUTE, {
				text,
				judgement,
				practiceIds: practice(vision, practices),
				questionId: `q${question}`,
				verbatim,
				location
			})
		);
	};
	conversation(
		focusGroup,
		4,
		'focus-group',
		'Pupil focus group: our values',
		day1 + 5.5 * HOUR,
		'Library',
		'done',
		[
			'What are our school’s values, and what do they look like here?',
			'Who would you go to if something was worrying you?',
			'How do pupils help decide how the school is run?',
			'Are the rules the same everywhere in school?'
		],
		[
			{ role: 'Year 5 pupils', count: 4 },
			{ role: 'Year 6 pupils', count: 3 }
		]
	);

	const reviewId = activity(
		staff,
		3,
		'data-review',
		'Staff attendance and training data',
		day1 + 7 * HOUR,
		'Office',
		'done'
	);
	indicators.forEach(([name, value, unit, period, text, judgement, practices], i) =>
		note(reviewId, staff, day1 + 7 * HOUR + (10 + i * 8) * MINUTE, {
			text,
			indicator: { name, value, unit, period },
			judgement,
			practiceIds: practice(staff, practices),
			location: 'Office'
		})
	);

	// Day 2, this morning: an interview done, a lesson under way, the survey and a staff focus
	// group still to come.
	conversation(
		interview,
		5,
		'interview',
		'Leaders’ and staff views of the vision',
		now - 2 * HOUR,
		'Head’s office',
		'done',
		[
			'How was the school’s vision agreed, and when was it last looked at?',
			'How do the values show in the school’s plans and decisions?',
			'Who is asked when policies change?'
		],
		[
			{ role: 'Headteacher', count: 1 },
			{ role: 'Class teachers', count: 2 }
		]
	);
	const lessonStart = now - 25 * MINUTE;
	const lessonId = activity(
		vision,
		null,
		'lesson-observation',
		'Year 4 PSHE: friendships',
		lessonStart,
		'Room 4',
		'in-progress',
		{
			subject: 'PSHE',
			yearGroup: 'Year 4'
		}
	);
	lesson.forEach(([text, judgement, practices], i) =>
		note(lessonId, vision, lessonStart + (3 + i * 4) * MINUTE, {
			text,
			judgement,
			practiceIds: practice(vision, practices),
			location: 'Classroom'
		})
	);
	activity(
		vision,
		3,
		'survey',
		'Pupil safety survey (Year 3–6)',
		now + HOUR,
		'ICT suite',
		'planned'
	);
	activity(
		staff,
		1,
		'focus-group',
		'Staff focus group: support and wellbeing',
		now + 3 * HOUR,
		'Staffroom',
		'planned'
	);
	activity(
		staff,
		2,
		'survey',
		'Staff wellbeing survey',
		now + 5 * HOUR,
		'Online, after school',
		'planned'
	);

	// Stages 1 and 2 done a fortnight ago; stage 3 under way.
	const steps = (/** @type {string} */ id) =>
		framework.stages.find((s) => s.id === id)?.steps ?? [];
	const ticked = [...steps('stage-1'), ...steps('stage-2'), ...steps('stage-3').slice(0, 1)];
	ticked.forEach((step, i) =>
		add('step', auditId, {
			stepId: step.id,
			done: true,
			by: dana,
			at: at(now - 14 * 24 * HOUR + i * HOUR),
			deleted: false
		})
	);
	// Stage 4 begun: one short report agreed, another drafted (scripts/demo-report.js).
	records.push(...demoReports(records, auditId, dana, now));
	return { auditId, records };
}
