import type { FieldbookDatabase } from '../../db/database';
import { storedPhoto } from '../../db/photos';
import type { Block } from '$lib/framework/report-document';
import {
	evidenceColumns,
	evidenceRows,
	nextStepColumns,
	nextStepRows
} from '$lib/framework/report-csv';
import type { ExportSource } from '../export-input';
import { toCsv } from './csv';
import type { DocxImage } from './docx';

/*
 * The export files, made on the tablet from what it holds. Imported on demand by the report
 * screen, so docx, papaparse and Chart.js load only when a person asks for a file.
 */

async function imageFor(db: FieldbookDatabase, block: Extract<Block, { type: 'chart' | 'photo' }>) {
	if (block.type === 'chart') {
		const { chartPng } = await import('../chart');
		const data = await chartPng(block.spec, block.caption, 600, 220);
		return data ? ({ data, type: 'png', width: 600, height: 220 } satisfies DocxImage) : null;
	}
	const photo = await storedPhoto(db, block.hash);
	if (!photo) return null;
	// The photo's own proportions, at most 400 px wide in the document.
	const bitmap = await createImageBitmap(new Blob([photo.bytes], { type: photo.type }));
	const scale = Math.min(1, 400 / bitmap.width);
	const image: DocxImage = {
		data: new Uint8Array(photo.bytes),
		type: photo.type === 'image/png' ? 'png' : 'jpg',
		width: Math.round(bitmap.width * scale),
		height: Math.round(bitmap.height * scale)
	};
	bitmap.close();
	return image;
}

export async function wordFile(db: FieldbookDatabase, source: ExportSource): Promise<File> {
	const { buildDocx } = await import('./docx');
	const blob = await buildDocx(source.blocks, (block) => imageFor(db, block));
	return new File([blob], `${source.fileName}.docx`, {
		type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	});
}

export async function evidenceCsv(source: ExportSource, componentId: string | null): Promise<File> {
	const notes = source.data.notes.filter((n) => !componentId || n.componentId === componentId);
	const rows = evidenceRows(source.framework, notes);
	return new File([await toCsv(rows, [...evidenceColumns])], `${source.fileName}-evidence.csv`, {
		type: 'text/csv;charset=utf-8'
	});
}

export async function nextStepsCsv(
	source: ExportSource,
	componentId: string | null
): Promise<File> {
	const steps = source.data.nextSteps.filter((s) => !componentId || s.componentId === componentId);
	const rows = nextStepRows(source.framework, steps);
	return new File([await toCsv(rows, [...nextStepColumns])], `${source.fileName}-next-steps.csv`, {
		type: 'text/csv;charset=utf-8'
	});
}
