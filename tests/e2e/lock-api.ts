import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';

/** One observation by a colleague, pushed from their own tablet (as the wire API takes it). */
export async function pushColleagueNote(
	api: APIRequestContext,
	auditId: string,
	activityId: string,
	text: string
) {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const change = {
		clientId,
		seq: 1,
		type: 'observation',
		recordId: uuidv7(),
		scope: auditId,
		fields: {
			activityId,
			componentId: 'c1',
			text,
			practiceIds: [],
			judgement: 'neutral',
			capturedAt: wall,
			location: null,
			photoHashes: [],
			deleted: false
		},
		hlc: `${wall}-0000-${clientId}`,
		base: null
	};
	const push = await api.post('/api/sync/push', {
		data: { protocol: 1, clientId, changes: [change] }
	});
	expect(push.status()).toBe(200);
}

/**
 * How often `word` appears in every file under `dir`, as printable runs of 1-byte characters
 * (`strings -a`) and of UTF-16 little-endian ones (`strings -el`, as Chromium's IndexedDB
 * stores most text), the way a person with the tablet's disk would search it.
 */
export function hitsOnDisk(dir: string, word: string): { utf8: number; utf16: number } {
	const count = (encoding: string[]) => {
		const files = execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' })
			.split('\n')
			.filter(Boolean);
		let hits = 0;
		for (let at = 0; at < files.length; at += 200) {
			const out = execFileSync('strings', [...encoding, ...files.slice(at, at + 200)], {
				encoding: 'utf8',
				maxBuffer: 1 << 28
			});
			hits += out.split(word).length - 1;
		}
		return hits;
	};
	return { utf8: count(['-a']), utf16: count(['-a', '-el']) };
}
