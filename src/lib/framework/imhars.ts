import { component, stage } from './build';
import { imharsComponents } from './imhars-components';
import { frameworkSchema, type Framework } from './schema';

/** The iMHARS framework, validated when the module loads: a typo fails the build and tests. */
export const imhars: Framework = frameworkSchema.parse({
	id: 'imhars',
	version: '1.0.0',
	title: 'iMHARS: mental health and resilience in schools',
	components: imharsComponents.map((source, i) => component(source, i + 1)),
	// The five stages of the collaborative audit, word for word from seed 002.
	stages: [
		stage(1, 'Planning and preparation', [
			'Initial meeting to be held to brief key members of staff on iMHARS',
			'Identify the member of senior leadership that will lead the audit process in the school',
			'Consider creating a core team of staff (2-3) that will champion and promote iMHARS across the school community. (You may want to include pupils, governors and parents)',
			'Head teacher to be fully briefed on purpose of audit and the type of activities involved. If working in partnership with Islington or Camden, complete the iMHARS partnership agreement',
			'Staff briefing to be held to inform staff of the process of iMHARS and invite them to take part'
		]),
		stage(2, 'Select components', [
			'School to consider speaking to other schools that have completed the iMHARS audit to further understand the process',
			'School to identify the components that will be audited, perhaps with the support of the health improvement advisor (e.g. through quick-needs analysis, learning walks, conversations with staff)',
			'Schools to identify activities to audit selected component(s)'
		]),
		stage(3, 'Audit and measure', [
			'School to plan and arrange focus groups, interviews and observations using the iMHARS timeline as a guide',
			'School to conduct the iMHARS audit (Each component takes approx. 1.5 days to audit)',
			'For Islington and Camden schools, the audit will be carried out by the health improvement advisors, who will spend 1-2 days in school per component',
			'Member of senior leadership team to allocate around 30 minutes of meeting time per week with the iMHARS lead to discuss the progress of the audit'
		]),
		stage(4, 'Write up research notes and short reports', [
			'iMHARS lead will draft research notes, and short reports for each component, based on information gathered',
			'In Islington and Camden, the writing up will be done by the health improvement advisors',
			"Member of senior leadership team to read and consider the school's strengths, challenges and next steps for each component audited",
			'Health improvement advisors and school, to discuss and agree the strengths, challenges and areas for improvement'
		]),
		stage(5, 'Implement whole school change', [
			'Senior leadership will share the finalised short reports with the school community',
			'School to implement whole-school changes based on next steps from short reports',
			'In Camden and Islington, support is available to help the implementation of next steps',
			'School encouraged to attend the iMHARS network meeting to share learning with other schools'
		])
	]
});
