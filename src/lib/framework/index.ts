import { imhars } from './imhars';
import type { Framework, FrameworkComponent, Prompt, SupportingPractice } from './schema';

export * from './schema';
export { imhars };

/** Every framework the app knows, by id. Others (seeds 003, 004) are data of the same shape. */
export const frameworks: Record<string, Framework> = { [imhars.id]: imhars };

/** The public catalogue served by GET /api/framework (DESIGN.md §6). */
export function frameworkCatalogue(framework: Framework = imhars): Framework {
	return framework;
}

export function findComponent(framework: Framework, id: string): FrameworkComponent | undefined {
	return framework.components.find((c) => c.id === id);
}

export function findPrompt(framework: Framework, promptId: string): Prompt | undefined {
	return framework.components.flatMap((c) => c.prompts).find((p) => p.id === promptId);
}

export function practicesOf(framework: Framework, componentId: string): SupportingPractice[] {
	return findComponent(framework, componentId)?.practices ?? [];
}
