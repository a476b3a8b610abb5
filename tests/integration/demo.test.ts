import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, freePort } from '../helpers/server';

/*
 * `npm run demo` as a newcomer runs it: the printed sign-in works, and the demo advisor's
 * first sync brings a real day: a school, an audit in progress, planned and done activities
 * and about fifty observations, all accepted by the server's own validation.
 */

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
	await stop?.();
	stop = null;
});

async function runDemo() {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/demo.js'], {
		env: { PATH: process.env.PATH ?? '', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	stop = async () => {
		if (child.exitCode === null) child.kill('SIGTERM');
		await exited;
	};
	let printed = '';
	child.stderr.on('data', (d) => (printed += d));
	const signIn = await new Promise<{ email: string; password: string }>((resolve, reject) => {
		child.stdout.on('data', (d) => {
			printed += d;
			const email = /e-mail:\s+(\S+)/.exec(printed);
			const password = /password:\s+(\S+)/.exec(printed);
			if (email && password) resolve({ email: email[1]!, password: password[1]! });
		});
		void exited.then(() => reject(new Error(`The demo stopped:\n${printed}`)));
	});
	return { url: `http://localhost:${port}`, signIn, printed: () => printed, exited };
}

type Pulled = { type: string; recordId: string; fields: Record<string, unknown> };

async function pullAll(client: ApiClient): Promise<Pulled[]> {
	const changes: Pulled[] = [];
	let since = '';
	for (;;) {
		const page = await client.call(
			'GET',
			`/api/sync/pull?limit=1000${since ? `&since=${since}` : ''}`
		);
		expect(page.status).toBe(200);
		changes.push(...page.body.changes);
		since = page.body.cursor;
		if (!page.body.more) return changes;
	}
}

describe('npm run demo', () => {
	// A generous guard: the demo builds first when the sources are newer than the build.
	it(
		'prints a sign-in whose first sync brings an audit in progress with about fifty observations',
		{ timeout: 180_000 },
		async () => {
			const demo = await runDemo();
			expect(demo.printed()).toMatch(/Fieldbook demo: http:\/\/localhost:\d+/);
			const advisor = new ApiClient(demo.url);
			expect((await advisor.login(demo.signIn.email, demo.signIn.password)).status).toBe(200);
			const changes = await pullAll(advisor);
			const of = (type: string) => changes.filter((c) => c.type === type);

			expect(of('school')).toHaveLength(1);
			const [audit] = of('audit');
			const me = (await advisor.call('GET', '/api/auth/me')).body.user.id;
			expect(audit!.fields).toMatchObject({ lead: me, stage: 3 });
			expect((audit!.fields.members as string[]).length).toBe(2);

			const statuses = new Set(of('activity').map((a) => a.fields.status));
			expect([...statuses].sort()).toEqual(['done', 'in-progress', 'planned']);
			const observations = of('observation');
			expect(observations.length).toBeGreaterThanOrEqual(45);
			expect(observations.length).toBeLessThanOrEqual(60);
			// Tagged evidence, in several kinds of activity, with every judgement.
			expect(observations.every((o) => (o.fields.practiceIds as string[]).length > 0)).toBe(true);
			const judgements = new Set(observations.map((o) => o.fields.judgement));
			expect([...judgements].sort()).toEqual(['development', 'neutral', 'strength']);
			const kinds = new Set(of('activity').map((a) => a.fields.kind));
			expect(kinds.size).toBeGreaterThanOrEqual(6);
			expect(of('step').length).toBeGreaterThan(0);

			// Stage 4 begun: the vision report agreed with the deputy head, findings linked to
			// notes the sync brought, three next steps on the grid; the staff report a draft.
			const noteIds = new Set(observations.map((o) => o.recordId));
			const findings = of('finding');
			const ofVision = findings.filter((f) => f.fields.componentId === 'vision-values');
			expect(ofVision.map((f) => f.fields.kind).sort()).toEqual([
				'challenge',
				'challenge',
				'strength',
				'strength'
			]);
			for (const f of findings) {
				expect((f.fields.evidence as string[]).length).toBeGreaterThan(0);
				expect((f.fields.evidence as string[]).every((id) => noteIds.has(id))).toBe(true);
			}
			const steps = of('nextStep');
			expect(steps).toHaveLength(3);
			expect(new Set(steps.map((s) => `${s.fields.risk}/${s.fields.capacity}`)).size).toBe(3);
			const history = of('reportStatus').filter((s) => s.fields.componentId === 'vision-values');
			expect(history.at(-1)!.fields).toMatchObject({ status: 'agreed', with: 'Deputy head' });
			expect(findings.some((f) => f.fields.componentId === 'staff')).toBe(true);
			expect(of('reportStatus').some((s) => s.fields.componentId === 'staff')).toBe(false);
		}
	);

	it('stops its server too on Ctrl-C, leaving nothing listening', async () => {
		const demo = await runDemo();
		expect((await fetch(`${demo.url}/api/health`)).status).toBe(200);
		await stop!();
		stop = null;
		expect(await demo.exited).toBe(0);
		await expect(fetch(`${demo.url}/api/health`)).rejects.toThrow();
	});
});
