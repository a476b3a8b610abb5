import type { Device } from '../db/device';
import { clearMeta, getMeta, setMeta, type PupilSurvey } from '../db/meta';
import { deviceLock } from './lock.svelte';

export type { PupilSurvey } from '../db/meta';

/**
 * Pupil mode (issue 13): the tablet shows one survey and nothing else until the passphrase is
 * typed. Kept in the device's clear `meta` table (two ids, nothing sensitive), so a reload or a
 * back navigation comes straight back to it, even before the unlock.
 */
class PupilMode {
	active = $state<PupilSurvey | null>(null);
	#device: Device | null = null;

	async attach(device: Device): Promise<void> {
		if (this.#device === device) return; // once per device, not on every navigation
		await this.#read(device);
	}

	/** Before the device is open: what a peek at its store read (db/peek.ts). */
	expect(survey: PupilSurvey | null): void {
		this.#device = null;
		this.active = survey;
	}

	async #read(device: Device): Promise<void> {
		this.#device = device;
		this.active = await getMeta(device.db, 'pupilMode');
	}

	async enter(survey: PupilSurvey): Promise<void> {
		if (this.#device) await setMeta(this.#device.db, 'pupilMode', survey);
		this.active = survey;
		// Another tab of the app would still show everything: it locks (this one stays open).
		deviceLock.lockOthers();
	}

	/** Reads the state again (a page restored from the back-forward cache may be stale). */
	async refresh(): Promise<void> {
		if (this.#device) await this.#read(this.#device);
	}

	/** Only after the passphrase was checked (PupilLeave). */
	async leave(): Promise<void> {
		if (this.#device) await clearMeta(this.#device.db, 'pupilMode');
		this.active = null;
	}
}

export const pupilMode = new PupilMode();
