import { expect, type Page } from '@playwright/test';

/* Page helpers for the short report and next-steps screens. */

/** The words of each finding of a kind, in order (a textarea's value is not its text). */
export const findingTexts = (page: Page, region: 'Strengths' | 'Challenges') =>
	page
		.getByRole('region', { name: region })
		.getByRole('textbox', { name: /^(Strength|Challenge) \d+$/ })
		.evaluateAll((boxes) => boxes.map((b) => (b as HTMLTextAreaElement).value));

export const strengths = (page: Page) =>
	page
		.getByRole('region', { name: 'Strengths' })
		.getByRole('listitem')
		.filter({
			has: page.getByRole('textbox')
		});

export const evidenceNote = (page: Page, text: string) =>
	page.getByRole('region', { name: 'Evidence' }).getByRole('article').filter({ hasText: text });

/** Taps "Make a strength" (or challenge) on a note in the evidence panel. */
export async function makeFinding(page: Page, noteText: string, kind: 'strength' | 'challenge') {
	const note = evidenceNote(page, noteText).first();
	await note.getByRole('button', { name: new RegExp(`^Make a ${kind}`) }).click();
	const region = kind === 'strength' ? 'Strengths' : 'Challenges';
	await expect.poll(() => findingTexts(page, region)).toContain(noteText);
}

export async function addNextStep(
	page: Page,
	step: { text: string; owner: string; due: string; quadrant: string }
) {
	const form = page.getByRole('form', { name: 'New next step' });
	await form.getByLabel('New next step').fill(step.text);
	await form.getByLabel('Owner (a role)').fill(step.owner);
	await form.getByLabel('Due').fill(step.due);
	await form.getByLabel('Risk and capacity').selectOption({ label: step.quadrant });
	await form.getByRole('button', { name: 'Add next step' }).click();
	const steps = page.getByRole('textbox', { name: /^Next step \d+$/ });
	await expect
		.poll(() => steps.evaluateAll((b) => b.map((x) => (x as HTMLTextAreaElement).value)))
		.toContain(step.text);
}

export async function agree(page: Page, role: string) {
	await page.getByLabel('Agreed with (a role)').fill(role);
	await page.getByRole('button', { name: 'Mark as agreed' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Agreed with ${role}` })).toBeVisible();
}
