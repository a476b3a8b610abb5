import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFields, newId, schoolFields } from '../../helpers/changes';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../../helpers/server';
import { freshSchema } from '../../helpers/postgres';
import { Tablet, pullLog, seeded } from './tablet';

// Two built servers (`node build/index.js`) on one PostgreSQL database, as behind a load
// balancer without sticky sessions: every request of every device goes to either at random.
let schema: Awaited<ReturnType<typeof freshSchema>>;
let servers: RunningServer[] = [];
beforeAll(async () => {
	schema = await freshSchema();
	// Both start at once on the empty database, each with FIELDBOOK_ADMIN_*: they race to
	// create the first admin.
	servers = await Promise.all([0, 1].map(() => startServer({ databaseUrl: schema.url })));
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.dispose()));
	await schema?.drop();
});

const random = seeded(15);
const anyServer = () => servers[Math.floor(random() * servers.length)]!.url;

async function account(name: string) {
	const admin = new ApiClient(anyServer());
	await admin.login(testAdmin.email, testAdmin.password);
	const email = `${name}@fieldbook.test`;
	const password = 'a long enough password';
	const made = await admin.call('POST', '/api/admin/users', {
		email,
		name,
		password,
		role: 'advisor'
	});
	expect(made.status).toBe(201);
	return { id: made.body.user.id as string, email, password };
}

describe('two server instances on one PostgreSQL database', () => {
	it('made one first admin when both started at once', async () => {
		const created = servers.filter((s) => /created the first admin/.test(s.output()));
		expect(created).toHaveLength(1);
		const admin = new ApiClient(anyServer());
		expect((await admin.login(testAdmin.email, testAdmin.password)).status).toBe(200);
		const users = await admin.call('GET', '/api/admin/users');
		expect(users.body.users.map((u: { email: string }) => u.email)).toEqual([testAdmin.email]);
	});

	it('three devices sending each request to either one converge, nothing lost or doubled', async () => {
		const ann = await account('ann');
		const bob = await account('bob');
		// Each signs in on one server and goes on with that session on both.
		const tablets = [
			await Tablet.signIn('ann-tablet', 'a15a000000000001', ann, anyServer, anyServer),
			await Tablet.signIn('ann-phone', 'a15a000000000002', ann, anyServer, anyServer),
			await Tablet.signIn('bob-tablet', 'b15b000000000001', bob, anyServer, anyServer)
		];
		const [first] = tablets;
		const schoolId = newId();
		const auditId = newId();
		await first!.write('school', schoolId, 'org', schoolFields());
		await first!.write('audit', auditId, auditId, auditFields(schoolId, ann.id, [ann.id, bob.id]));
		expect(await first!.sync()).toMatchObject({ ok: true });

		const shared = newId();
		for (let round = 0; round < 4; round++) {
			for (const [i, tablet] of tablets.entries()) {
				for (let n = 0; n < 30; n++)
					await tablet.note(auditId, newId(), `${tablet.name} r${round} n${n}`);
				// Everyone edits one note at once: the per-field rule decides, the same way everywhere.
				await tablet.note(auditId, shared, `shared, by ${tablet.name} in round ${round}`);
				if (i === round % 3) await tablet.photo(auditId, `${tablet.name} ${round}`);
			}
			const outcomes = await Promise.all(tablets.map((t) => t.sync()));
			for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, quarantined: 0 });
		}
		// Two quiet rounds: each device has pushed everything and pulled everyone else's.
		for (let quiet = 0; quiet < 2; quiet++) for (const t of tablets) await t.sync();

		const views = await Promise.all(tablets.map((t) => t.recordValues()));
		expect(views[1]).toEqual(views[0]);
		expect(views[2]).toEqual(views[0]);
		for (const t of tablets) expect(await t.waiting()).toBe(0);
		// Every photo reached every device.
		const photos = await Promise.all(tablets.map((t) => t.photoHashes()));
		expect(photos[0]).toHaveLength(4);
		expect(photos[1]).toEqual(photos[0]);
		expect(photos[2]).toEqual(photos[0]);

		// The log holds each device's changes once each, in its seq order, and serverSeq has no
		// gap and no repeat.
		const log = await pullLog(ann, anyServer);
		for (const t of tablets) {
			const seqs = log.filter((c) => c.clientId === t.clientId).map((c) => c.seq);
			expect(seqs).toEqual(Array.from({ length: await t.lastSeq }, (_, k) => k + 1));
		}
		const serverSeqs = log.map((c) => c.serverSeq);
		expect(new Set(serverSeqs).size).toBe(serverSeqs.length);
	}, 120_000);

	it('loses nothing when one instance is killed mid-batch and the device retries on the other', async () => {
		const cy = await account('cy');
		const [victim, survivor] = servers as [RunningServer, RunningServer];
		let target = victim.url;
		const tablet = await Tablet.signIn(
			'cy-tablet',
			'c15c000000000001',
			cy,
			() => victim.url,
			() => target
		);
		const schoolId = newId();
		const auditId = newId();
		await tablet.write('school', schoolId, 'org', schoolFields('Killed mid-batch'));
		await tablet.write('audit', auditId, auditId, auditFields(schoolId, cy.id));
		for (let n = 0; n < 700; n++)
			await tablet.note(auditId, newId(), `note ${n} ${'calm '.repeat(80)}`);

		const inFlight = tablet.sync().catch((e: unknown) => e);
		await new Promise((r) => setTimeout(r, 40));
		await victim.stop('SIGKILL');
		expect(await inFlight).toBeInstanceOf(Error);
		expect(await tablet.recordCount()).toBe(702);

		target = survivor.url;
		expect(await tablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		expect(await tablet.waiting()).toBe(0);
		const seqs = (await pullLog(cy, () => survivor.url))
			.filter((c) => c.clientId === tablet.clientId)
			.map((c) => c.seq);
		expect(seqs).toEqual(Array.from({ length: 702 }, (_, k) => k + 1));
	}, 120_000);
});

describe('the setup link on two instances started on one empty database', () => {
	it('creates one first admin when both links are used on both servers at once', async () => {
		const empty = await freshSchema();
		const noAdmin = { FIELDBOOK_ADMIN_EMAIL: '', FIELDBOOK_ADMIN_PASSWORD: '' };
		const pair = await Promise.all(
			[0, 1].map(() => startServer({ databaseUrl: empty.url, env: noAdmin }))
		);
		try {
			const tokens = pair.map((s) => /setup#token=([\w-]+)/.exec(s.output())![1]!);
			const tries = pair.flatMap((s) =>
				tokens.map((token, i) =>
					new ApiClient(s.url).call('POST', '/api/setup', {
						token,
						email: `first${i}@fieldbook.test`,
						name: 'First',
						password: 'a long enough password'
					})
				)
			);
			const statuses = (await Promise.all(tries)).map((r) => r.status);
			expect(statuses.filter((s) => s === 201)).toHaveLength(1);
			const reader = await pair[0]!.openDatabase();
			const admins = await reader.selectFrom('users').select('role').execute();
			await reader.destroy();
			expect(admins).toEqual([{ role: 'admin' }]);
		} finally {
			await Promise.all(pair.map((s) => s.dispose()));
			await empty.drop();
		}
	});
});
