import type { Device } from '../db/device';
import { deviceLock } from './lock.svelte';

export interface PupilSurvey {
	auditId: string;
	activityId: string;
}

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

	async #read(device: Device): Promise<void> {
		this.#device = device;
		const held = await device.db.meta.get('pupilMode');
		this.active = (held?.value as PupilSurvey | undefined) ?? null;
	}

	async enter(survey: PupilSurvey): Promise<void> {
		await this.#device?.db.meta.put({ key: 'pupilMode', value: survey });
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
		await this.#device?.db.meta.delete('pupilMode');
		this.active = null;
	}
}

export const pupilMode = new PupilMode();
