/*
 * A picked photo, made fit to keep: turned upright, at most 2048 px on its longest side and
 * re-encoded as JPEG from its pixels. Re-encoding writes no metadata, so every EXIF segment
 * (GPS position, camera serial, time) stays behind: the photo may show a child or a school.
 */

export const MAX_PHOTO_SIDE = 2048;
/** What the server accepts for one photo (DESIGN.md §6; `MAX_PHOTO_BYTES` in server/sync/blobs). */
export const MAX_STORED_PHOTO_BYTES = 2 * 1024 * 1024;
/** Tried in turn until the photo fits: a very detailed one needs a lower quality. */
const QUALITIES = [0.85, 0.72, 0.6];

export interface ResizedPhoto {
	bytes: ArrayBuffer;
	type: 'image/jpeg';
	width: number;
	height: number;
}

/** Why a picked file cannot become a photo, in words for the person holding the tablet. */
export class PhotoProblem extends Error {}

/** The size to draw at: the longest side at most `max`, the shape kept, never enlarged. */
export function fittedSize(width: number, height: number, max = MAX_PHOTO_SIDE) {
	const longest = Math.max(width, height);
	if (longest <= max) return { width, height };
	const scale = max / longest;
	return width >= height
		? { width: max, height: Math.max(1, Math.round(height * scale)) }
		: { width: Math.max(1, Math.round(width * scale)), height: max };
}

/** An empty type is allowed through: some tablets name no type for a camera's own format. */
export function looksLikeImage(file: { type: string }): boolean {
	return file.type === '' || file.type.startsWith('image/');
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function canvasOf(width: number, height: number) {
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		const encode = (quality: number) => canvas.convertToBlob({ type: 'image/jpeg', quality });
		return { context: canvas.getContext('2d') as Canvas2D | null, encode };
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const encode = (quality: number) =>
		new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
	return { context: canvas.getContext('2d') as Canvas2D | null, encode };
}

async function decode(file: Blob): Promise<ImageBitmap> {
	try {
		// 'from-image' turns the pixels upright by the EXIF orientation before EXIF is dropped.
		return await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new PhotoProblem(
			'This tablet cannot read that photo (HEIC photos, for instance, open only on some ' +
				'tablets). Take it with the camera from here, or choose a JPEG or PNG.'
		);
	}
}

/** Decodes, shrinks and re-encodes a picked file; throws a `PhotoProblem` with plain words. */
export async function resizePhoto(file: Blob & { name?: string }): Promise<ResizedPhoto> {
	if (!looksLikeImage(file))
		throw new PhotoProblem(`${file.name ?? 'That file'} is not a photo. Choose a picture.`);
	const bitmap = await decode(file);
	try {
		const { width, height } = fittedSize(bitmap.width, bitmap.height);
		const { context, encode } = canvasOf(width, height);
		if (!context) throw new PhotoProblem('This tablet could not prepare the photo. Try again.');
		// JPEG has no transparency: a transparent picture goes on white, not black.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.drawImage(bitmap, 0, 0, width, height);
		for (const quality of QUALITIES) {
			const blob = await encode(quality);
			// A browser that cannot write JPEG answers with PNG: refuse rather than store that.
			if (!blob || blob.type !== 'image/jpeg')
				throw new PhotoProblem('This tablet could not save the photo as JPEG.');
			if (blob.size <= MAX_STORED_PHOTO_BYTES)
				return { bytes: await blob.arrayBuffer(), type: 'image/jpeg', width, height };
		}
		throw new PhotoProblem('That photo is too detailed to keep, even made smaller. Take another.');
	} finally {
		bitmap.close();
	}
}
