import type { ComponentSource } from './build';

// Word for word from the seeds: supporting practices from the web page (000) and the booklet
// (001), prompts from the booklet's "Find out what's happening in your school by:" blocks,
// attributed to components as in seeds/README.md. A web and a booklet wording share one
// practice only where they clearly name the same practice; otherwise each stands alone.
// Each prompt maps to the one kind of fieldwork that answers it.
export const imharsComponents: ComponentSource[] = [
	{
		id: 'vision-values',
		title: 'A clear vision, and values that are understood and consistently communicated',
		shortTitle: 'Vision and values',
		practices: [
			[
				'A culture of mutual respect, recognition and affirmation, modelled by staff behaviour',
				'A culture of mutual respect, recognition and affirmation'
			],
			['Leadership and school development plans that support health and wellbeing', null],
			[
				'Whole school policies and their consistent implementation',
				'Whole school policies and their consistent implementation'
			],
			[
				'Ensuring everyone feels safe within the school',
				'Ensuring everyone feels safe within the school'
			],
			[
				'Creating opportunities for fun, laughter and relaxation',
				'Creating opportunities for fun and laughter'
			],
			['Involving pupils, parents, staff and governors in decision making', null],
			[null, 'Staff behaviours that reflect these values'],
			[null, 'Encouraging feedback regarding decisions and practices']
		],
		prompts: [
			[
				'Conducting a learning walk to observe staff-staff, staff-pupil and pupil-pupil interactions',
				'learning-walk'
			],
			// Watching the playground, the dining hall and lessons in turn is a walk round the school.
			[
				'Observing behaviour management strategies in the playground, dining hall and during lessons',
				'learning-walk'
			],
			['Conducting a survey to see how safe pupils feel in the school', 'survey'],
			[
				'Running a focus group with pupils to explore their understanding of the school’s values',
				'focus-group'
			],
			// Perceptions are compared by asking leaders and staff, one by one.
			[
				'Comparing senior leaders’ and staff members’ perception of the school’s vision and values and how these are followed',
				'interview'
			]
		]
	},
	{
		id: 'support-networks',
		title: 'Support networks that enable pupils to develop social relationships',
		shortTitle: 'Support networks',
		practices: [
			[
				'Teaching social skills, listening and empathy',
				'Teaching social skills, listening and empathy'
			],
			['Well organised peer support programmes', 'Well organised peer support programmes'],
			[
				'Planned opportunities to socialise with different pupils and different people',
				'Planned opportunities to socialise with different pupils and different people'
			],
			['Teaching pupils to be able to ask for help', 'Teaching pupils to be able to ask for help'],
			[
				'Encouraging kindness, and understanding of the consequences of actions',
				'Encouraging kindness'
			],
			['Supporting positive communication, including when using social media', null]
		],
		prompts: [
			['Asking pupils to draw and write who they would go to for help', 'pupil-task'],
			[
				'Running a focus group with pupils involved in peer support schemes, such as playground friends or peer mentoring',
				'focus-group'
			],
			[
				'Asking pupils to confidentially list three of their trusted peers, and analysing this to identify isolated pupils',
				'pupil-task'
			],
			['Analysing bullying data', 'data-review'],
			['Observing lessons to identify how teaching encourages social skills', 'lesson-observation']
		]
	},
	{
		id: 'teaching-learning',
		title: 'Teaching and learning that develops resilient learners',
		shortTitle: 'Teaching and learning',
		practices: [
			[
				'Encouraging perseverance, risk taking and learning through mistakes',
				'Encouraging perseverance, risk taking and learning through mistakes'
			],
			[
				'Providing formative and meaningful feedback',
				'Providing formative and meaningful feedback'
			],
			[
				'A variety of interactive teaching methods that engage all pupils',
				'A variety of interactive teaching methods that engage all pupils'
			],
			[
				'Opportunities for collaboration and team work',
				'Opportunities for collaboration and team work'
			],
			[
				'Providing all pupils with appropriate levels of challenge',
				'Providing all pupils with appropriate levels of challenge'
			],
			[
				'Teaching creative and systematic problem solving strategies',
				'Teaching creative and systematic problem solving strategies'
			]
		],
		prompts: [
			[
				'Speaking to a variety of staff to explore how their teaching supports pupils to make mistakes and be resilient',
				'interview'
			],
			[
				'Asking pupils to draw and describe the process they went through to learn a new skill',
				'pupil-task'
			],
			// A scrutiny of pupils' books: records reviewed, not a lesson watched.
			['Looking at marking and feedback in books', 'data-review'],
			[
				'Observing lessons to see how pupils respond when they find a task difficult',
				'lesson-observation'
			],
			// The questions are heard in lessons: "analysing" here is of what is observed, not of data.
			['Analysing the variety of questions teachers use in different lessons', 'lesson-observation']
		]
	},
	{
		id: 'curriculum',
		title: 'A curriculum that teaches life skills, including social and emotional skills',
		shortTitle: 'Curriculum',
		practices: [
			[
				'A planned comprehensive PSHE education curriculum',
				'A planned comprehensive PSHE education curriculum'
			],
			[
				'Nurturing self-belief and positive qualities such as optimism and forgiveness',
				'Nurturing self-belief and positive qualities such as optimism and forgiveness'
			],
			// The web joins two booklet practices; it pairs with the one it begins with.
			[
				'Developing pupils’ critical thinking skills and encouraging reflection and self-awareness',
				'Developing pupils’ critical thinking skills'
			],
			['Providing high quality enrichment activities', null],
			[
				'Opportunities for pupils to volunteer within the school and the local community',
				'Opportunities for pupils to contribute to the school and the local community'
			],
			[null, 'Encouraging reflection and self-awareness'],
			[null, 'Involving pupils in school decision making processes']
		],
		prompts: [
			['Analysing pupil progress in PSHE', 'data-review'],
			// Perceptions of councillors and other pupils are compared by talking with each group.
			[
				'Comparing school councillors’ and other pupils’ perceptions of their involvement in school decision making',
				'focus-group'
			],
			['Interviewing pupils about how the school prepares them for adult life', 'interview'],
			['Asking pupils to list the personal qualities that are valued by the school', 'pupil-task'],
			['Observing lessons to see how they encourage critical thinking skills', 'lesson-observation']
		]
	},
	{
		id: 'vulnerable-pupils',
		title: 'Specific help for vulnerable pupils',
		shortTitle: 'Vulnerable pupils',
		practices: [
			[
				'All staff, pupils and parents understanding risk factors for mental health problems; and the identification, referral and support system',
				'Staff, pupils and parents understanding mental health risk factors, referral and support systems'
			],
			[
				'Early identification of pupils with emotional and mental health needs',
				'Early identification of pupils with emotional and mental health needs'
			],
			[
				'Careful joint-planning to meet individual pupils’ needs',
				'Careful joint planning to meet specific pupils’ needs'
			],
			[
				'Effective recording and monitoring of pupil progress',
				'Effective recording and monitoring of pupil progress'
			],
			[
				'Established school systems, practices and interventions',
				'Established school systems, practices and interventions'
			],
			[
				'Partnership working with a range of specialist agencies to support whole school practice and pupils with complex concerns',
				'Partnership working with a range of specialist agencies to support whole school practice and pupils with complex concerns'
			]
		],
		prompts: [
			[
				'Interviewing external agencies to understand how the school works in partnership',
				'interview'
			],
			['Running a focus group with pupils that attend a support group', 'focus-group'],
			[
				'Reviewing exclusion, attendance, free school meal, equalities, special educational needs and pupil premium data',
				'data-review'
			],
			[
				'Talking to individual staff to ascertain their understanding of particular vulnerable pupils’ needs',
				'interview'
			],
			// Following one pupil's records through the pastoral system is a review of records.
			[
				'Critiquing the ‘journey’ of a particular pupil through the school’s pastoral care system',
				'data-review'
			]
		]
	},
	{
		id: 'parents',
		title: 'Effective partnerships with parents',
		shortTitle: 'Parents',
		practices: [
			[
				'Joint-planning and decision making with each child’s parent',
				'Joint planning and decision making with each child’s parent'
			],
			[
				'Providing appropriate support for those parents identified as needing additional help',
				'Providing appropriate support to parents who need additional help'
			],
			['Regular, meaningful communication', 'Regular, meaningful communication'],
			[
				'A range of inclusive activities that support all parents to feel welcome and part of the school community',
				'Activities that support parents to feel welcome and part of the school community'
			],
			[
				'Working in partnership with parents and carers to promote pupils’ social and emotional wellbeing',
				'Working in partnership with parents and carers to promote pupils’ social and emotional wellbeing'
			],
			[null, 'A range of activities that promote understanding and inclusive involvement']
		],
		prompts: [
			[
				'Hosting an event with parents to raise awareness of mental health, and use this as an opportunity to gather parent perspectives on partnerships with the school',
				'event'
			],
			['Conducting a parent survey', 'survey'],
			[
				'Using a graffiti wall with a variety of staff (administrative staff, support staff, teachers) to understand their involvement with parents',
				'graffiti-wall'
			],
			['Analysing attendance at school events', 'data-review'],
			[
				'Interviewing individual parents about how the school has supported them and their child',
				'interview'
			]
		]
	},
	{
		id: 'staff',
		title: 'Support and training for all staff to build skills, capacity and own resilience',
		shortTitle: 'Staff',
		practices: [
			['Enabling all staff to respond appropriately to pupils’ emotional needs', null],
			['Promoting and supporting staff wellbeing', 'Support for staff wellbeing'],
			[
				'Training staff to increase understanding of mental health',
				'Training and supporting staff to understand pupils’ emotional and mental health needs'
			],
			['Effective staff professional development', 'Effective staff professional development'],
			[
				'Consistent, positive and effective management',
				'Consistent, positive and effective management'
			],
			[
				'Building supportive and trusting relationships amongst staff',
				'Facilitating trusting staff relationships'
			],
			[null, 'Involving all staff in decision making']
		],
		prompts: [
			[
				'Running a staff focus group to gather perspectives on staff support, wellbeing and training. Ensure the focus group includes a broad range of staff (e.g. administrative staff, support staff, teachers and the caretaker)',
				'focus-group'
			],
			['Conducting a staff survey to explore levels of morale and staff wellbeing', 'survey'],
			['Analysing staff attendance on a monthly basis', 'data-review'],
			// Training records, not people: a review of data.
			['Looking at which members of staff have accessed training', 'data-review'],
			[
				'Interviewing individual members of staff to find out how the school could better promote positive mental health and wellbeing',
				'interview'
			]
		]
	}
];
