import type { Page } from '@playwright/test';
import { openedRows } from './sealed-pages';

/*
 * Pictures made in the page (a canvas, encoded by Chromium), and the photos the app stored,
 * read back from IndexedDB as a curious person with the tablet's developer tools and its
 * passphrase would (the bytes are sealed on disk: issue 13).
 */

/** A picture of `width` × `height` px as JPEG or PNG bytes, drawn and encoded in the page. */
export async function pictureBytes(page: Page, width: number, height: number, type: string) {
	const base64 = await page.evaluate(
		async ({ width, height, type }) => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d')!;
			const gradient = context.createLinearGradient(0, 0, width, height);
			gradient.addColorStop(0, '#1f4e5f');
			gradient.addColorStop(1, '#f3c677');
			context.fillStyle = gradient;
			context.fillRect(0, 0, width, height);
			context.fillStyle = '#ffffff';
			context.fillRect(width * 0.1, height * 0.1, width * 0.3, height * 0.2);
			const bytes = new Uint8Array(await (await canvas.convertToBlob({ type })).arrayBuffer());
			let binary = '';
			for (const byte of bytes) binary += String.fromCharCode(byte);
			return btoa(binary);
		},
		{ width, height, type }
	);
	return Buffer.from(base64, 'base64');
}

/**
 * A real EXIF APP1 segment (little-endian TIFF): Orientation 6 (turn 90° clockwise to view)
 * and a GPS position, 51° 30′ N — what a tablet's camera writes into every photo.
 */
export function exifSegment(): Buffer {
	const tiff = Buffer.alloc(92);
	tiff.write('II', 0, 'latin1');
	tiff.writeUInt16LE(42, 2);
	tiff.writeUInt32LE(8, 4); // IFD0 at 8
	const entry = (at: number, tag: number, type: number, count: number, value: number) => {
		tiff.writeUInt16LE(tag, at);
		tiff.writeUInt16LE(type, at + 2);
		tiff.writeUInt32LE(count, at + 4);
		if (type === 3) tiff.writeUInt16LE(value, at + 8);
		else tiff.writeUInt32LE(value, at + 8);
	};
	tiff.writeUInt16LE(2, 8);
	entry(10, 0x0112, 3, 1, 6); // Orientation: rotate 90° CW
	entry(22, 0x8825, 4, 1, 38); // GPSInfo IFD at 38
	tiff.writeUInt32LE(0, 34);
	tiff.writeUInt16LE(2, 38);
	entry(40, 0x0001, 2, 2, 0); // GPSLatitudeRef "N"
	tiff.write('N\0', 48, 'latin1');
	entry(52, 0x0002, 5, 3, 68); // GPSLatitude: three rationals at 68
	tiff.writeUInt32LE(0, 64);
	[51, 1, 30, 1, 0, 1].forEach((n, i) => tiff.writeUInt32LE(n, 68 + i * 4));
	const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
	const header = Buffer.from([0xff, 0xe1, 0, 0]);
	header.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([header, body]);
}

/** The JPEG with the EXIF segment right after its start-of-image marker, as cameras place it. */
export const withExif = (jpeg: Buffer) =>
	Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);

export interface StoredPhotoFacts {
	hash: string;
	type: string;
	size: number;
	uploaded: number;
	width: number;
	height: number;
	/** The APPn markers (0xE0…0xEF) before the image data, e.g. [0xe0] for JFIF only. */
	appMarkers: number[];
	/** "Exif" appears anywhere in the bytes. */
	exifText: boolean;
}

/** Every photo in the user's device store, opened with the passphrase, its JPEG markers listed. */
export async function storedPhotos(page: Page, userId: string): Promise<StoredPhotoFacts[]> {
	const rows = (await openedRows(page, userId, 'photos')) as {
		hash: string;
		type: string;
		uploaded: number;
		bytes: string;
	}[];
	return page.evaluate(async (rows) => {
		const facts = [];
		for (const row of rows) {
			const bytes = Uint8Array.from(atob(row.bytes), (c) => c.charCodeAt(0));
			const bitmap = await createImageBitmap(new Blob([bytes], { type: row.type }));
			const appMarkers: number[] = [];
			// Segments from after SOI up to the start of scan (0xDA): each FF xx LEN(2).
			for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff;) {
				const marker = bytes[at + 1]!;
				if (marker === 0xda) break;
				if (marker >= 0xe0 && marker <= 0xef) appMarkers.push(marker);
				at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
			}
			const text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
			facts.push({
				hash: row.hash,
				type: row.type,
				size: bytes.byteLength,
				uploaded: row.uploaded,
				width: bitmap.width,
				height: bitmap.height,
				appMarkers,
				exifText: text.includes('Exif')
			});
			bitmap.close();
		}
		return facts;
	}, rows);
}
