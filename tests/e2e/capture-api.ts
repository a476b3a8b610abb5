import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import type { ActivityKind } from '../../src/lib/domain/activity-kind';
import { imhars } from '../../src/lib/framework';

/** The component the capture tests plan from: Vision and values, its supporting practices. */
export const vision = imhars.components.find((c) => c.id === 'vision-values')!;

/** An activity of `kind` for Vision and values in `auditId`, planned through the wire API. */
export async function planCapture(
	api: APIRequestContext,
	auditId: string,
	kind: ActivityKind,
	title: string,
	extra: Record<string, unknown> = {}
): Promise<string> {
	const clientId = randomBytes(8).toString('hex');
	const id = uuidv7();
	const prompt = vision.prompts.find((p) => p.activityKind === kind) ?? null;
	const change = {
		clientId,
		seq: 1,
		type: 'activity',
		recordId: id,
		scope: auditId,
		fields: {
			componentId: vision.id,
			promptId: prompt?.id ?? null,
			kind,
			title,
			status: 'in-progress',
			plannedStart: null,
			location: 'School',
			deleted: false,
			...extra
		},
		hlc: `${new Date().toISOString()}-0000-${clientId}`,
		base: null
	};
	const push = await api.post('/api/sync/push', {
		data: { protocol: 1, clientId, changes: [change] }
	});
	expect(push.status()).toBe(200);
	expect(await push.json()).toMatchObject({ lastProcessedSeq: 1, quarantined: [] });
	return id;
}
