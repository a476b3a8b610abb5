import { v7 as uuidv7 } from 'uuid';
import { auditStageSchema } from '$lib/domain/audit';
import { stepSchema, type StepTick } from '$lib/domain/step';
import { tickPatches, untickPatches } from '$lib/framework/stages';
import type { FieldbookDatabase } from './db/database';
import type { Device } from './db/device';
import { InvalidWrite } from './db/write';
import { writeAfterReading } from './db/write-after-read';
import { patchRecord, type Created } from './records';

/** The stage-step ticks of an audit held on this device; a record that does not parse is left out. */
export async function stepTicksOf(db: FieldbookDatabase, auditId: string): Promise<StepTick[]> {
	const rows = await db.records.where('[type+scope]').equals(['step', auditId]).toArray();
	return rows.flatMap((r) => {
		const parsed = stepSchema.safeParse({ ...r.values, id: r.id });
		return parsed.success ? [parsed.data] : [];
	});
}

/**
 * Ticks (`done`) or unticks a step of the audit's stages. The ticks are read again inside the
 * write's transaction, not taken from the screen: a sync that landed a moment ago counts.
 */
export async function setStepDone(
	device: Device,
	auditId: string,
	stepId: string,
	done: boolean,
	now = Date.now()
): Promise<Created> {
	const { db } = device;
	try {
		const decide = async () => {
			const ticks = await stepTicksOf(db, auditId);
			const at = new Date(now).toISOString();
			const patches = done
				? tickPatches(ticks, stepId, device.userId, at, uuidv7())
				: untickPatches(ticks, stepId, device.userId, at);
			return patches.map((p) => ({
				type: 'step' as const,
				id: p.id,
				scope: auditId,
				fields: p.fields
			}));
		};
		await writeAfterReading(db, device.clientId, device.userId, decide, now);
		return { ok: true, id: stepId };
	} catch (error) {
		if (error instanceof InvalidWrite) return { ok: false, errors: { form: error.message } };
		throw error;
	}
}

/** Moves the audit to another stage, 1 to 5: the lead's buttons (any member may, to the server). */
export async function setAuditStage(
	device: Device,
	auditId: string,
	stage: number
): Promise<Created> {
	const parsed = auditStageSchema.safeParse(stage);
	if (!parsed.success) return { ok: false, errors: { stage: 'A stage is 1 to 5' } };
	return patchRecord(device, { type: 'audit', id: auditId, scope: auditId }, { stage });
}
