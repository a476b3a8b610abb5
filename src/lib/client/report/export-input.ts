import type { Person } from '$lib/domain/person';
import { findComponent, frameworks, imhars, type Framework } from '$lib/framework';
import { coverage } from '$lib/framework/coverage';
import { assembleReport } from '$lib/framework/report';
import { buildReportDocument, type Block, type ExportInput } from '$lib/framework/report-document';
import type { FieldbookDatabase } from '../db/database';
import { auditOnDevice, schoolOnDevice } from '../queries';
import { auditReportData, type AuditReportData } from './queries';

/** What one export covers: one component's short report, or every component of the audit. */
export interface ExportRequest {
	auditId: string;
	/** A component id, or null for the whole audit. */
	componentId: string | null;
	includePhotos: boolean;
	/** The people directory as the tablet holds it, to name the advisors. */
	people: readonly Person[];
	today: string;
}

export interface ExportSource {
	input: ExportInput;
	/** The document's blocks, built when first asked for: a CSV needs none of them. */
	readonly blocks: Block[];
	data: AuditReportData;
	framework: Framework;
	/** A file name without extension, from the school and the audit. */
	fileName: string;
}

const slug = (text: string) =>
	text
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.trim()
		.replace(/\s+/g, '-')
		.toLowerCase()
		.slice(0, 60);

/** Reads everything an export needs from the device (offline) and builds its document; null if the audit is not here. */
export async function exportSource(
	db: FieldbookDatabase,
	request: ExportRequest
): Promise<ExportSource | null> {
	const audit = await auditOnDevice(db, request.auditId);
	if (!audit) return null;
	const [school, data] = await Promise.all([
		schoolOnDevice(db, audit.schoolId),
		auditReportData(db, request.auditId)
	]);
	const framework = frameworks[audit.frameworkId] ?? imhars;
	const ids = request.componentId ? [request.componentId] : audit.componentIds;
	const sections = ids.flatMap((id) => {
		const component = findComponent(framework, id);
		if (!component) return [];
		const notes = data.notes.filter((n) => n.componentId === id);
		return [
			{
				component,
				report: assembleReport(id, data, request.today),
				surveys: data.surveys.filter((s) => s.componentId === id),
				coverage: coverage(component, notes, data.activities)
			}
		];
	});
	const days = data.notes
		.filter((n) => ids.includes(n.componentId))
		.map((n) => n.capturedAt.slice(0, 10))
		.sort();
	const name = (id: string) => request.people.find((p) => p.id === id)?.name;
	const input: ExportInput = {
		title:
			sections.length === 1 && request.componentId
				? `Short report: ${sections[0]!.component.title}`
				: `Short reports: ${audit.title}`,
		school: {
			name: school?.name ?? 'School not on this tablet',
			urn: school?.urn ?? '—',
			localAuthority: school?.localAuthority ?? '—'
		},
		auditTitle: audit.title,
		advisors: [audit.lead, ...audit.members.filter((m) => m !== audit.lead)].flatMap(
			(id) => name(id) ?? []
		),
		dates: days.length ? { from: days[0]!, to: days.at(-1)! } : null,
		exportedOn: request.today,
		sections,
		includePhotos: request.includePhotos
	};
	const part = request.componentId ? (sections[0]?.component.shortTitle ?? 'report') : 'audit';
	let blocks: Block[] | null = null;
	return {
		input,
		get blocks() {
			return (blocks ??= buildReportDocument(input));
		},
		data,
		framework,
		fileName: `${slug(school?.name ?? 'school')}-${slug(part)}-${request.today}`
	};
}
