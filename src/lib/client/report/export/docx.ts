import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	ImageRun,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { Block } from '$lib/framework/report-document';

/*
 * The Word file, from the same blocks as the print view. This module (and with it `docx`, about
 * 100 KB gzip) is only ever imported dynamically, when an export is asked for.
 */

export interface DocxImage {
	data: Uint8Array;
	type: 'png' | 'jpg';
	width: number;
	height: number;
}

/** Draws a chart or loads a photo for the file; null leaves it out (the numbers stay). */
export type ImageSource = (
	block: Extract<Block, { type: 'chart' | 'photo' }>
) => Promise<DocxImage | null>;

const headings = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
};
const thin = { style: BorderStyle.SINGLE, size: 4, color: '888888' };

function table(block: Extract<Block, { type: 'table' }>) {
	const row = (cells: string[], header: boolean) =>
		new TableRow({
			tableHeader: header,
			children: cells.map(
				(text) =>
					new TableCell({
						borders: { top: thin, bottom: thin, left: thin, right: thin },
						children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })]
					})
			)
		});
	return [
		new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))]
		}),
		new Paragraph({})
	];
}

async function convert(block: Block, images: ImageSource): Promise<(Paragraph | Table)[]> {
	switch (block.type) {
		case 'title':
			return [new Paragraph({ heading: HeadingLevel.TITLE, text: block.text })];
		case 'heading':
			return [new Paragraph({ heading: headings[block.level], text: block.text })];
		case 'paragraph':
			return [
				new Paragraph({ children: [new TextRun({ text: block.text, bold: block.emphasis })] })
			];
		case 'item':
			return [
				new Paragraph({ children: [new TextRun({ text: `${block.number}. ${block.text}` })] })
			];
		case 'quote':
			return [
				new Paragraph({
					indent: { left: 720 },
					children: [
						new TextRun({ text: block.verbatim ? 'Verbatim quote: ' : 'Note: ', bold: true }),
						new TextRun({
							text: block.verbatim ? `“${block.text}”` : block.text,
							italics: block.verbatim
						}),
						new TextRun({ text: ` (${block.source})`, color: '555555' })
					]
				})
			];
		case 'table':
			return table(block);
		case 'chart':
		case 'photo': {
			const image = await images(block);
			if (!image) return [];
			const run = new ImageRun({
				type: image.type,
				data: image.data,
				transformation: { width: image.width, height: image.height },
				altText: { name: block.caption, description: block.caption, title: block.caption }
			});
			return [
				new Paragraph({ children: [run] }),
				new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] })
			];
		}
		case 'pageBreak':
			return [new Paragraph({ children: [new PageBreak()] })];
	}
}

export async function buildDocx(blocks: Block[], images: ImageSource): Promise<Blob> {
	const children: (Paragraph | Table)[] = [];
	for (const block of blocks) children.push(...(await convert(block, images)));
	const footer = new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [
					new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })
				]
			})
		]
	});
	const document = new Document({
		creator: 'Fieldbook',
		title: blocks.find((b) => b.type === 'title')?.text ?? 'Short report',
		sections: [
			{
				properties: { page: { size: { width: 11906, height: 16838 } } }, // A4 in twentieths of a point
				footers: { default: footer },
				children
			}
		]
	});
	return Packer.toBlob(document);
}
