import type { Device } from '$lib/client/db/device';
import { deleteItem, moveItem, setReportStatus, updateItem } from '$lib/client/report/edits';
import { addFinding, addNextStep, type NextStepDraft } from '$lib/client/report/writes';
import type { Created } from '$lib/client/records';
import type { FindingKind } from '$lib/domain/finding';
import {
	nextPosition,
	type ReportFinding,
	type ReportNextStep,
	type ShortReport
} from '$lib/framework/report';
import type { ReportScreen } from './report-screen.svelte';

/** The report screen's writes, bound to one component: each resolves to a problem to show, or null. */
export type ReportActions = ReturnType<typeof reportActions>;

const problemOf = (result: Created) =>
	result.ok ? null : (Object.values(result.errors)[0] ?? 'Not saved');

export function reportActions(
	device: Device,
	auditId: string,
	componentId: string,
	report: () => ShortReport,
	screen: ReportScreen
) {
	const item = (type: 'finding' | 'nextStep', id: string) => ({ type, id, auditId, componentId });
	const shown = async (result: Promise<Created>) => {
		const problem = problemOf(await result);
		screen.error = problem ?? '';
		return problem;
	};
	const updateFinding = (finding: ReportFinding, fields: Record<string, unknown>) =>
		shown(updateItem(device, item('finding', finding.id), fields));
	return {
		addFinding(kind: FindingKind, text: string, evidence: string[]) {
			const list = kind === 'strength' ? report().strengths : report().challenges;
			const position = nextPosition(list);
			return shown(addFinding(device, auditId, { componentId, kind, text, evidence, position }));
		},
		updateFinding,
		linkNote(findingId: string, noteId: string) {
			const finding = [...report().strengths, ...report().challenges].find(
				(f) => f.id === findingId
			);
			if (!finding || finding.evidence.includes(noteId)) return Promise.resolve(null);
			return updateFinding(finding, { evidence: [...finding.evidence, noteId] });
		},
		addNextStep(draft: Omit<NextStepDraft, 'componentId' | 'position'>) {
			const position = nextPosition(report().nextSteps);
			return shown(addNextStep(device, auditId, { ...draft, componentId, position }));
		},
		updateNextStep(step: ReportNextStep, fields: Record<string, unknown>) {
			return shown(updateItem(device, item('nextStep', step.id), fields));
		},
		async move(
			type: 'finding' | 'nextStep',
			id: string,
			ordered: { id: string; position: number }[],
			by: -1 | 1
		) {
			screen.moved = { id, by };
			return shown(moveItem(device, item(type, id), ordered, by));
		},
		remove(type: 'finding' | 'nextStep', id: string, name: string) {
			const what = type === 'finding' ? 'finding' : 'next step';
			if (!window.confirm(`Delete the ${what} "${name}"?`)) return Promise.resolve(null);
			return shown(deleteItem(device, item(type, id)));
		},
		setStatus(status: 'draft' | 'agreed' | 'shared', agreedWith: string, note: string) {
			return shown(
				setReportStatus(device, auditId, componentId, { status, with: agreedWith, note })
			);
		}
	};
}
