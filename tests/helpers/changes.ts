import { v7 as uuidv7 } from 'uuid';

/** Builds the changes one simulated device would push, with its own clientId, seq and clock. */
export class FakeDevice {
	seq = 0;
	#tick = 0;
	constructor(
		readonly clientId: string,
		readonly startMs = Date.now()
	) {}

	hlc(offsetMs = 0) {
		const wall = new Date(this.startMs + offsetMs + this.#tick).toISOString();
		return `${wall}-${(this.#tick++ % 0xffff).toString(16).padStart(4, '0')}-${this.clientId}`;
	}

	change(
		type: string,
		recordId: string,
		scope: string,
		fields: Record<string, unknown>,
		base: Record<string, string> | null = null,
		hlc = this.hlc()
	) {
		return { clientId: this.clientId, seq: ++this.seq, type, recordId, scope, fields, hlc, base };
	}

	/** A base stamp older than anything stored: "I had seen an earlier version". */
	get stale() {
		return `2000-01-01T00:00:00.000Z-0000-${this.clientId}`;
	}

	body(changes: unknown[]) {
		return { protocol: 1 as const, clientId: this.clientId, changes };
	}
}

export const newId = () => uuidv7();

export function schoolFields(name = 'Drayton Park Primary') {
	return { name, urn: '100412', phase: 'primary', localAuthority: 'Islington', deleted: false };
}

export function auditFields(schoolId: string, lead: string, members = [lead]) {
	return {
		schoolId,
		title: 'Autumn audit',
		frameworkId: 'imhars',
		members,
		lead,
		stage: 3,
		componentIds: ['vision-values'],
		deleted: false
	};
}

export function observationFields(activityId: string, text: string) {
	return {
		activityId,
		componentId: 'vision-values',
		text,
		practiceIds: ['vision-values.sp1'],
		judgement: 'strength',
		capturedAt: new Date().toISOString(),
		location: 'Playground',
		photoHashes: [],
		deleted: false
	};
}
