import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/client/report/export/csv';
import { buildDocx } from '../../src/lib/client/report/export/docx';
import { findComponent, imhars } from '../../src/lib/framework';
import { coverage } from '../../src/lib/framework/coverage';
import { assembleReport, type ReportNote } from '../../src/lib/framework/report';
import { evidenceColumns, evidenceRows, guardCell } from '../../src/lib/framework/report-csv';
import { buildReportDocument, type ExportInput } from '../../src/lib/framework/report-document';

const component = findComponent(imhars, 'vision-values')!;
const note = (id: string, text: string, over: Partial<ReportNote> = {}): ReportNote => ({
	id,
	activityId: 'a1',
	componentId: component.id,
	text,
	practiceIds: [component.practices[0]!.id],
	judgement: 'strength',
	capturedAt: '2026-11-23T09:30:00.000Z',
	location: 'Playground',
	verbatim: false,
	photoHashes: ['a'.repeat(64)],
	kind: 'learning-walk',
	activityTitle: 'Morning walk',
	sources: ['advisor'],
	...over
});
const notes = [
	note('n1', 'Staff greet every pupil by name'),
	note('n2', 'I know who to talk to when I am sad', { verbatim: true, kind: 'focus-group' })
];

function exportInput(includePhotos = false): ExportInput {
	const data = {
		notes,
		findings: [
			{
				id: 'c1',
				componentId: component.id,
				kind: 'challenge' as const,
				text: 'Values are not on the walls',
				evidence: [],
				position: 0
			},
			{
				id: 's2',
				componentId: component.id,
				kind: 'strength' as const,
				text: 'Pupils know whom to ask',
				evidence: ['n2'],
				position: 1
			},
			{
				id: 's1',
				componentId: component.id,
				kind: 'strength' as const,
				text: 'A warm welcome',
				evidence: ['n1'],
				position: 0
			}
		],
		nextSteps: [
			{
				id: 'x',
				componentId: component.id,
				text: 'Put the values up in every classroom',
				owner: 'Deputy head',
				due: '2027-01-15',
				status: 'open' as const,
				risk: 'low' as const,
				capacity: 'high' as const,
				findingIds: ['c1'],
				position: 0
			}
		],
		statuses: [
			{
				id: 'st',
				componentId: component.id,
				status: 'agreed' as const,
				with: 'Deputy head',
				note: '',
				at: '2026-11-24T15:00:00.000Z',
				by: 'u',
				hlc: '2026-11-24T15:00:00.000Z-0000-a000000000000001'
			}
		]
	};
	return {
		title: `Short report: ${component.title}`,
		school: { name: 'Hartwell Primary', urn: '100123', localAuthority: 'Islington' },
		auditTitle: 'Autumn audit',
		advisors: ['Ann'],
		dates: { from: '2026-11-23', to: '2026-11-24' },
		exportedOn: '2026-11-26',
		sections: [
			{
				component,
				report: assembleReport(component.id, data, '2026-11-26'),
				surveys: [],
				coverage: coverage(component, notes, [{ id: 'a1', kind: 'learning-walk' }])
			}
		],
		includePhotos
	};
}

/** Every text of the document model, in order. */
const texts = (input: ExportInput) =>
	buildReportDocument(input).flatMap((b) =>
		'text' in b ? [b.text] : b.type === 'table' ? [b.caption, ...b.rows.flat()] : []
	);

const order = (haystack: string, needles: string[]) => needles.map((n) => haystack.indexOf(n));

describe('the exported short report', () => {
	it('holds the title page, then strengths, challenges and next steps in order, each finding followed by its quotes', () => {
		const all = texts(exportInput()).join('\n');
		const at = order(all, [
			'Hartwell Primary (URN 100123), Islington',
			'Agreed with the school: agreed with Deputy head on 24 November 2026',
			'A warm welcome',
			'Staff greet every pupil by name',
			'Pupils know whom to ask',
			'I know who to talk to when I am sad',
			'Values are not on the walls',
			'Put the values up in every classroom',
			'Owner: Deputy head · Due: 15 January 2027 · Low risk, high capacity · Open',
			'Notes per supporting practice'
		]);
		expect(at.every((i) => i >= 0)).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		const quotes = buildReportDocument(exportInput()).filter((b) => b.type === 'quote');
		expect(quotes.map((q) => q.type === 'quote' && q.verbatim)).toEqual([false, true]);
	});

	it('puts photos in only when asked', () => {
		const photos = (include: boolean) =>
			buildReportDocument(exportInput(include)).filter((b) => b.type === 'photo').length;
		expect(photos(false)).toBe(0);
		expect(photos(true)).toBe(2);
	});

	it('makes a Word file whose document.xml holds the same words in the same order', async () => {
		const blob = await buildDocx(buildReportDocument(exportInput()), async () => null);
		const dir = mkdtempSync(join(tmpdir(), 'fieldbook-docx-'));
		try {
			const file = join(dir, 'report.docx');
			writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
			const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
			const words = xml.replace(/<[^>]+>/g, '');
			const at = order(words, [
				'Strengths',
				'A warm welcome',
				'Verbatim quote: “I know who to talk to when I am sad”',
				'Challenges',
				'Values are not on the walls',
				'Next steps',
				'Put the values up'
			]);
			expect(at.every((i) => i >= 0)).toBe(true);
			expect([...at].sort((a, b) => a - b)).toEqual(at);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the CSV exports', () => {
	it('escapes cells a spreadsheet would run as formulas, and nothing else', () => {
		expect(['=1+1', '+SUM(A1)', '-2', '@cmd', '\t=x', 'a=b', 'Fine'].map(guardCell)).toEqual([
			"'=1+1",
			"'+SUM(A1)",
			"'-2",
			"'@cmd",
			"'\t=x",
			'a=b',
			'Fine'
		]);
		expect(guardCell(3)).toBe(3);
	});

	it('writes UTF-8 with a byte-order mark, quotes commas, quotes and line breaks, and parses back to the same rows', async () => {
		const tricky = note('n3', 'She said "hello", then\nleft =HYPERLINK("x")', {
			location: '=cmd|calc'
		});
		const rows = evidenceRows(imhars, [...notes, tricky]);
		const csv = await toCsv(rows, [...evidenceColumns]);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toHaveLength(3);
		expect(parsed.data[2]).toMatchObject({
			Text: 'She said "hello", then\nleft =HYPERLINK("x")',
			Place: "'=cmd|calc",
			'Activity kind': 'Learning walk',
			Photos: '1'
		});
		expect(parsed.data[1]!['Verbatim quote']).toBe('yes');
	});
});
