import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import { freshDevice } from '../helpers/fresh-device';
import { forgetUnnamedPhoto, storePhoto } from '../../src/lib/client/db/photos';
import { photoOnDevice } from '../../src/lib/client/photo-queries';
import {
	fittedSize,
	looksLikeImage,
	PhotoProblem,
	resizePhoto
} from '../../src/lib/client/photo-resize';
import { addObservation, type ObservationInput } from '../../src/lib/client/records';
import { imhars } from '../../src/lib/framework';
import { newRecordId } from '../helpers/sim';

describe('the size a photo is stored at', () => {
	it('brings the longest side down to 2048 px and keeps the shape', () => {
		expect(fittedSize(3000, 2000)).toEqual({ width: 2048, height: 1365 });
		expect(fittedSize(2000, 3000)).toEqual({ width: 1365, height: 2048 });
		expect(fittedSize(4032, 3024)).toEqual({ width: 2048, height: 1536 });
		expect(fittedSize(5000, 5000)).toEqual({ width: 2048, height: 2048 });
	});

	it('never enlarges a small photo, and keeps a very thin one at least 1 px wide', () => {
		expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
		expect(fittedSize(2048, 10)).toEqual({ width: 2048, height: 10 });
		expect(fittedSize(100_000, 2)).toEqual({ width: 2048, height: 1 });
	});
});

describe('a picked file that is not a photo', () => {
	it('is refused in plain words before any decoding', async () => {
		const file = new File(['Notes from the staff meeting'], 'notes.txt', { type: 'text/plain' });
		expect(looksLikeImage(file)).toBe(false);
		await expect(resizePhoto(file)).rejects.toThrow(PhotoProblem);
		await expect(resizePhoto(file)).rejects.toThrow('notes.txt is not a photo. Choose a picture.');
	});

	it('is let through to the decoder when the tablet names no type (HEIC on some tablets)', () => {
		expect(looksLikeImage({ type: '' })).toBe(true);
		expect(looksLikeImage({ type: 'image/heic' })).toBe(true);
	});
});

describe('photos on the device', () => {
	let device: Device;
	const staff = imhars.components[0]!;
	const jpeg = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
	const note = (photoHashes: string[]): ObservationInput => ({
		auditId: newRecordId(),
		activityId: newRecordId(),
		componentId: staff.id,
		text: 'A worry box by the classroom door.',
		location: 'Classroom',
		judgement: 'strength',
		practiceIds: [],
		photoHashes
	});

	beforeEach(async () => {
		device = await freshDevice();
	});
	afterEach(() => device.db.close());

	it('a note names its photos, which wait to upload; a hash with no bytes is "not held"', async () => {
		const hash = await storePhoto(device.db, jpeg('worry box'), 'image/jpeg');
		const saved = await addObservation(device, note([hash]));
		if (!saved.ok) throw new Error('note refused');
		expect((await device.db.records.get(saved.id))?.values.photoHashes).toEqual([hash]);
		const held = await photoOnDevice(device.db, hash);
		expect(held).toMatchObject({ held: true, type: 'image/jpeg', waiting: true, refused: null });
		expect(await photoOnDevice(device.db, 'a'.repeat(64))).toEqual({ held: false });
	});

	it('refuses a note naming something that is not a photo address, and writes nothing', async () => {
		const result = await addObservation(device, note(['not-a-hash']));
		expect(result).toEqual({
			ok: false,
			errors: { photoHashes: 'Take the photos again: one was not stored properly' }
		});
		expect(await device.db.outbox.count()).toBe(0);
	});

	it('forgets a photo taken off an unsaved note, never one a saved note names', async () => {
		const dropped = await storePhoto(device.db, jpeg('taken off'), 'image/jpeg');
		const kept = await storePhoto(device.db, jpeg('on a note'), 'image/jpeg');
		const saved = await addObservation(device, note([kept]));
		expect(saved.ok).toBe(true);
		expect(await forgetUnnamedPhoto(device.db, dropped)).toBe(true);
		expect(await forgetUnnamedPhoto(device.db, kept)).toBe(false);
		expect((await device.db.photos.toArray()).map((p) => p.hash)).toEqual([kept]);
	});
});
