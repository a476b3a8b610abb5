import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityKinds } from '../../src/lib/domain/activity-kind';
import {
	findPrompt,
	frameworkCatalogue,
	frameworkSchema,
	imhars,
	practicesOf
} from '../../src/lib/framework';

// Copies of the seed documents the catalogue quotes, committed with the tests (see their README):
// the tests run from this repository alone.
const seedsDir = resolve(import.meta.dirname, '../fixtures/seeds');

/** A seed as one line: PDF wraps joined, the booklet's bullet glyph ("l") dropped. */
function seed(prefix: string): string {
	const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix));
	if (!file) throw new Error(`No seed ${prefix} in ${seedsDir}`);
	return readFileSync(join(seedsDir, file), 'utf8')
		.replace(/^\s*l\s+/gm, ' ')
		.replace(/\s+/g, ' ');
}
const web = seed('000');
const booklet = seed('001');
const stages = seed('002');

const prompts = imhars.components.flatMap((c) => c.prompts);

describe('the iMHARS catalogue', () => {
	it('has the seven components in the web page order', () => {
		expect(imhars.components.map((c) => c.shortTitle)).toEqual([
			'Vision and values',
			'Support networks',
			'Teaching and learning',
			'Curriculum',
			'Vulnerable pupils',
			'Parents',
			'Staff'
		]);
		expect(imhars.components.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});

	it('has 35 prompts, five per component, each with one kind of activity', () => {
		expect(prompts).toHaveLength(35);
		for (const c of imhars.components) expect(c.prompts).toHaveLength(5);
		for (const p of prompts) expect(activityKinds).toContain(p.activityKind);
		// Every kind of fieldwork is called for by at least one prompt.
		expect(new Set(prompts.map((p) => p.activityKind))).toEqual(new Set(activityKinds));
	});

	it('maps each prompt to the kind of activity that answers it', () => {
		const kinds = Object.fromEntries(prompts.map((p) => [p.id, p.activityKind]));
		expect(kinds).toEqual({
			'vision-values.p1': 'learning-walk',
			'vision-values.p2': 'learning-walk',
			'vision-values.p3': 'survey',
			'vision-values.p4': 'focus-group',
			'vision-values.p5': 'interview',
			'support-networks.p1': 'pupil-task',
			'support-networks.p2': 'focus-group',
			'support-networks.p3': 'pupil-task',
			'support-networks.p4': 'data-review',
			'support-networks.p5': 'lesson-observation',
			'teaching-learning.p1': 'interview',
			'teaching-learning.p2': 'pupil-task',
			'teaching-learning.p3': 'data-review',
			'teaching-learning.p4': 'lesson-observation',
			'teaching-learning.p5': 'lesson-observation',
			'curriculum.p1': 'data-review',
			'curriculum.p2': 'focus-group',
			'curriculum.p3': 'interview',
			'curriculum.p4': 'pupil-task',
			'curriculum.p5': 'lesson-observation',
			'vulnerable-pupils.p1': 'interview',
			'vulnerable-pupils.p2': 'focus-group',
			'vulnerable-pupils.p3': 'data-review',
			'vulnerable-pupils.p4': 'interview',
			'vulnerable-pupils.p5': 'data-review',
			'parents.p1': 'event',
			'parents.p2': 'survey',
			'parents.p3': 'graffiti-wall',
			'parents.p4': 'data-review',
			'parents.p5': 'interview',
			'staff.p1': 'focus-group',
			'staff.p2': 'survey',
			'staff.p3': 'data-review',
			'staff.p4': 'data-review',
			'staff.p5': 'interview'
		});
	});

	it('attributes each block of prompts to its component as seeds/README.md reads them', () => {
		const firstPrompts = Object.fromEntries(
			imhars.components.map((c) => [c.title, c.prompts[0]!.text])
		);
		expect(firstPrompts).toMatchObject({
			'Support and training for all staff to build skills, capacity and own resilience':
				expect.stringMatching(
					/^Running a staff focus group to gather perspectives on staff support/
				),
			'Support networks that enable pupils to develop social relationships':
				'Asking pupils to draw and write who they would go to for help',
			'Teaching and learning that develops resilient learners': expect.stringMatching(
				/^Speaking to a variety of staff to explore how their teaching supports pupils to make mistakes/
			),
			'A clear vision, and values that are understood and consistently communicated':
				'Conducting a learning walk to observe staff-staff, staff-pupil and pupil-pupil interactions',
			'A curriculum that teaches life skills, including social and emotional skills':
				'Analysing pupil progress in PSHE',
			'Specific help for vulnerable pupils': expect.stringMatching(
				/^Interviewing external agencies to understand how the school works in partnership/
			),
			'Effective partnerships with parents': expect.stringMatching(
				/^Hosting an event with parents to raise awareness of mental health/
			)
		});
	});

	it('quotes every title, practice, prompt and step word for word from its seed', () => {
		for (const c of imhars.components) {
			expect(booklet).toContain(c.title.replace(/\s+/g, ' '));
			for (const p of c.prompts) expect(booklet).toContain(p.text);
			for (const practice of c.practices) {
				for (const w of practice.wordings) {
					expect(w.source === '000-web' ? web : booklet).toContain(w.text);
				}
			}
		}
		for (const s of imhars.stages) {
			for (const step of s.steps) expect(stages).toContain(step.text);
		}
	});

	it('keeps all of the web page’s practices and all of the booklet’s, each marked with its source', () => {
		const count = (source: string) =>
			imhars.components
				.flatMap((c) => c.practices)
				.filter((p) => p.wordings.some((w) => w.source === source)).length;
		// The web page lists 6+6+6+5+6+5+6 practices; the booklet 6+5+6+6+6+6+6.
		expect(count('000-web')).toBe(40);
		expect(count('001-booklet')).toBe(41);
		for (const practice of imhars.components.flatMap((c) => c.practices)) {
			const web = practice.wordings.find((w) => w.source === '000-web');
			expect(practice.text).toBe((web ?? practice.wordings[0]!).text);
		}
	});

	it('has the five stages of the collaborative audit with their steps', () => {
		expect(imhars.stages.map((s) => [s.number, s.title, s.steps.length])).toEqual([
			[1, 'Planning and preparation', 5],
			[2, 'Select components', 3],
			[3, 'Audit and measure', 4],
			[4, 'Write up research notes and short reports', 4],
			[5, 'Implement whole school change', 4]
		]);
		for (const s of imhars.stages)
			expect(stages).toContain(
				`Stage ${['One', 'Two', 'Three', 'Four', 'Five'][s.number - 1]}: ${s.title}`
			);
	});

	it('is versioned, and its helpers find prompts and practices by id', () => {
		expect(frameworkCatalogue()).toMatchObject({ id: 'imhars', version: '1.0.0' });
		expect(findPrompt(imhars, 'parents.p3')?.activityKind).toBe('graffiti-wall');
		expect(findPrompt(imhars, 'parents.p6')).toBeUndefined();
		expect(practicesOf(imhars, 'staff').map((p) => p.id)[0]).toBe('staff.sp1');
		expect(practicesOf(imhars, 'nope')).toEqual([]);
	});

	it('is refused by its schema when broken', () => {
		const copy = () => structuredClone(imhars);
		const noPrompts = copy();
		noPrompts.components[0]!.prompts = [];
		expect(frameworkSchema.safeParse(noPrompts).success).toBe(false);
		const badKind = copy();
		(badKind.components[1]!.prompts[0] as { activityKind: string }).activityKind = 'picnic';
		expect(frameworkSchema.safeParse(badKind).success).toBe(false);
		const duplicateId = copy();
		duplicateId.components[2]!.practices[1]!.id = duplicateId.components[2]!.practices[0]!.id;
		expect(frameworkSchema.safeParse(duplicateId).success).toBe(false);
		expect(frameworkSchema.safeParse(copy()).success).toBe(true);
	});
});
