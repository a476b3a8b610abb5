import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

let cookie = '';

/** A client of whichever server process is running now, with the same session cookie. */
function api() {
	const client = new ApiClient(server.url);
	client.cookie = cookie;
	return client;
}

async function pullEverything() {
	const client = api();
	const all: any[] = [];
	let cursor = '';
	for (;;) {
		const page = await client.call(
			'GET',
			`/api/sync/pull?limit=1000${cursor ? `&since=${cursor}` : ''}`
		);
		all.push(...page.body.changes);
		cursor = page.body.cursor;
		if (!page.body.more) return all;
	}
}

const rounds = [0, 20, 'after-commit'] as const;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the change log holds `seq` entries of the device: the batch has committed. */
async function committed(seq: number) {
	const reader = await server.openDatabase();
	const last = async () => {
		const row = await reader
			.selectFrom('change_log')
			.select((eb) => eb.fn.max('seq').as('s'))
			.where('client_id', '=', 'fa17000000000001')
			.executeTakeFirst();
		return Number(row?.s ?? 0);
	};
	try {
		while ((await last()) < seq) await wait(2);
	} finally {
		await reader.destroy();
	}
}

describe('a server killed with SIGKILL during a push batch', () => {
	it('loses nothing and doubles nothing once the device pushes again', async () => {
		const login = await new ApiClient(server.url).login(testAdmin.email, testAdmin.password);
		cookie = login.headers.get('set-cookie')!.split(';')[0]!;
		const me = login.body.user.id;
		const device = new FakeDevice('fa17000000000001');
		const schoolId = newId();
		const auditId = newId();
		const setup = [
			device.change('school', schoolId, 'org', schoolFields()),
			device.change('audit', auditId, auditId, auditFields(schoolId, me))
		];
		expect((await api().call('POST', '/api/sync/push', device.body(setup))).status).toBe(200);

		// Each round kills the server at another moment of a 500-change batch: while it reads the
		// body or works through the batch (after a delay), or the instant the batch is committed,
		// seen through a second, read-only connection to the file: the reply is then lost.
		for (const round of rounds) {
			const text = (i: number) => `Round ${round}, note ${i}: ${'calm and kind '.repeat(60)}`;
			const batch = Array.from({ length: 500 }, (_, i) =>
				device.change('observation', newId(), auditId, observationFields(newId(), text(i)))
			);
			const inFlight = api()
				.call('POST', '/api/sync/push', device.body(batch))
				.catch(() => null);
			await (round === 'after-commit' ? committed(device.seq) : wait(round));
			await server.stop('SIGKILL');
			await inFlight;
			server = await server.restart();

			// The device knows only that it had no answer: it sends the same batch again. Its
			// session survived the crash, as sessions live in the database.
			const res = await api().call('POST', '/api/sync/push', device.body(batch));
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ lastProcessedSeq: device.seq, quarantined: [] });
		}

		const log = await pullEverything();
		const mine = log.filter((c) => c.clientId === device.clientId);
		expect(mine).toHaveLength(device.seq);
		expect(new Set(mine.map((c) => c.seq)).size).toBe(device.seq);
		expect(mine.map((c) => c.seq)).toEqual(Array.from({ length: device.seq }, (_, i) => i + 1));
		const texts = mine.filter((c) => c.type === 'observation').map((c) => c.fields.text as string);
		for (const round of rounds) {
			expect(texts.filter((t) => t.startsWith(`Round ${round},`))).toHaveLength(500);
		}
	}, 120_000);
});
