import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/lib/client/db/device';
import { lastAttempt } from '../../src/lib/client/db/sync-state';
import type { SyncTransport } from '../../src/lib/client/sync/engine';
import type { SyncLock, VisibilitySource } from '../../src/lib/client/sync/environment';
import { OFFLINE_MESSAGE, SIGNED_OUT_MESSAGE } from '../../src/lib/client/sync/messages';
import { SyncRunner, WRITE_DEBOUNCE_MS } from '../../src/lib/client/sync/runner.svelte';
import { onOutboxWrite } from '../../src/lib/client/db/write';
import { createUser } from '../../src/lib/server/users';
import { schoolFields } from '../helpers/changes';
import { newRecordId, SimDevice, type SimServer } from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');

/** setTimeout under the test's control: nothing fires until the test says so. */
class Timers {
	readonly pending = new Map<number, { run: () => void; ms: number }>();
	#next = 1;
	setTimeout = (run: () => void, ms: number) => {
		this.pending.set(this.#next, { run, ms });
		return this.#next++;
	};
	clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
	get delays() {
		return [...this.pending.values()].map((t) => t.ms);
	}
	/** Fires the one pending timer, as the browser would when its time comes. */
	fire() {
		expect(this.pending.size).toBe(1);
		const [handle, timer] = [...this.pending][0]!;
		this.pending.delete(handle);
		timer.run();
	}
}

/** An in-memory lock honouring the Web Locks contract: one holder per name, the rest wait in turn. */
function memoryLock() {
	const tails = new Map<string, Promise<unknown>>();
	const held = new Map<string, number>();
	let queued!: () => void;
	const someoneWaits = new Promise<void>((resolve) => (queued = resolve));
	const lock: SyncLock = (name, task) => {
		const count = held.get(name) ?? 0;
		if (count > 0) queued();
		held.set(name, count + 1);
		const result = (tails.get(name) ?? Promise.resolve()).then(task).finally(() => {
			held.set(name, held.get(name)! - 1);
		});
		tails.set(
			name,
			result.catch(() => undefined)
		);
		return result;
	};
	return { lock, someoneWaits };
}

let server: SimServer;
let close: () => Promise<void>;
let tablet: SimDevice;
let device: Device;
let timers: Timers;
let net: { online: boolean; signedIn: boolean; serverDown: boolean };
let window: EventTarget;
let document: VisibilitySource & { visibilityState: DocumentVisibilityState };
let calls: string[];

beforeEach(async () => {
	const store = await tempDatabase();
	close = store.close;
	server = { db: store.db, now: T0 };
	const ann = await createUser(store.db, {
		email: 'ann@x.org',
		name: 'Ann',
		password: 'a long enough password',
		role: 'advisor'
	});
	tablet = new SimDevice('ann-tablet', 'a000000000000001', ann, server);
	device = { db: tablet.db, clientId: tablet.clientId, userId: ann.id };
	timers = new Timers();
	net = { online: true, signedIn: true, serverDown: false };
	window = new EventTarget();
	document = Object.assign(new EventTarget(), { visibilityState: 'visible' as const });
	calls = [];
});

afterEach(async () => {
	tablet.db.close();
	await close();
});

/** The tablet's network: the real server handlers, a session that can end, a server that can fail. */
function transport(inner = tablet.transport()): SyncTransport {
	const answer = async <T>(name: string, call: () => Promise<T>) => {
		calls.push(name);
		if (!net.signedIn) return { status: 401, body: { error: 'Sign in again' } };
		if (net.serverDown) return { status: 500, body: null };
		return call();
	};
	return {
		push: (body) => answer('push', () => inner.push(body)),
		pull: (since, limit) => answer('pull', () => inner.pull(since, limit)),
		putBlob: (hash, type, bytes) => answer('putBlob', () => inner.putBlob(hash, type, bytes)),
		getBlob: (hash) => answer('getBlob', () => inner.getBlob(hash))
	};
}

function runner(overrides: Partial<ConstructorParameters<typeof SyncRunner>[0]> = {}) {
	return new SyncRunner({
		transport: transport(),
		now: () => server.now,
		setTimeout: timers.setTimeout,
		clearTimeout: timers.clearTimeout,
		random: () => 0.5,
		lock: null,
		window,
		document,
		online: () => net.online,
		watchWrites: null,
		...overrides
	});
}

function writeSchool(name = 'Drayton Park Primary') {
	return tablet.write({
		type: 'school',
		id: newRecordId(),
		scope: 'org',
		fields: schoolFields(name)
	});
}

async function onServer() {
	return server.db
		.selectFrom('change_log')
		.select(['client_id', 'seq'])
		.where('client_id', '=', tablet.clientId)
		.execute();
}

describe('the sync runner', () => {
	it('syncs on start and remembers the success across a reload', async () => {
		await writeSchool();
		const sync = runner();
		sync.start(device);
		const outcome = await sync.running;
		expect(outcome).toMatchObject({ ok: true, pushed: 1 });
		expect(sync.state).toBe('idle');
		expect(sync.message).toBeNull();
		expect(sync.lastSuccessAt).toBe(new Date(T0).toISOString());
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await lastAttempt(tablet.db)).toEqual({ at: new Date(T0).toISOString(), ok: true });
		sync.stop();

		const reopened = runner({ online: () => false });
		reopened.start(device);
		await reopened.running;
		expect(reopened.lastSuccessAt).toBe(new Date(T0).toISOString());
	});

	it('after a dropped request, waits and tries again; the server gets the change once', async () => {
		await writeSchool();
		tablet.faults = ['drop'];
		const sync = runner();
		sync.start(device);
		expect(await sync.running).toBeNull();
		expect(sync.state).toBe('waiting-retry');
		expect(sync.message).toBe(
			'Cannot reach the server. Your notes are safe on this tablet. Fieldbook will try again in 1 second.'
		);
		expect(timers.delays).toEqual([1_000]);
		expect(sync.nextRetryAt).toBe(T0 + 1_000);
		expect(await tablet.db.outbox.count()).toBe(1);
		expect(await onServer()).toEqual([]);
		expect(await lastAttempt(tablet.db)).toMatchObject({ ok: false });

		timers.fire();
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
		expect(sync.state).toBe('idle');
		expect(sync.nextRetryAt).toBeNull();
		expect(timers.pending.size).toBe(0);
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await onServer()).toEqual([{ client_id: tablet.clientId, seq: 1 }]);
	});

	it('after a lost reply, the retry is acknowledged without a second copy on the server', async () => {
		await writeSchool();
		tablet.faults = ['lose-reply'];
		const sync = runner();
		sync.start(device);
		await sync.running;
		expect(sync.state).toBe('waiting-retry');
		expect(await tablet.db.outbox.count()).toBe(1);
		expect(await onServer()).toHaveLength(1);

		timers.fire();
		expect(await sync.running).toMatchObject({ ok: true });
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await onServer()).toEqual([{ client_id: tablet.clientId, seq: 1 }]);
	});

	it('on 401 asks for a new sign-in, keeps everything and does not retry on its own', async () => {
		await writeSchool();
		net.signedIn = false;
		const sync = runner();
		sync.start(device);
		expect(await sync.running).toEqual({ ok: false, reason: 'signed-out', status: 401 });
		expect(sync.state).toBe('signed-out');
		expect(sync.message).toBe(SIGNED_OUT_MESSAGE);
		expect(sync.nextRetryAt).toBeNull();
		expect(timers.pending.size).toBe(0);
		expect(await tablet.db.outbox.count()).toBe(1);
		expect(await lastAttempt(tablet.db)).toMatchObject({ ok: false, message: SIGNED_OUT_MESSAGE });

		// The person signs in again; the sign-in page calls syncNow().
		net.signedIn = true;
		expect(await sync.syncNow()).toMatchObject({ ok: true, pushed: 1 });
		expect(sync.state).toBe('idle');
		expect(sync.message).toBeNull();
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await onServer()).toHaveLength(1);
	});

	it('waits for the connection when the browser is offline, and syncs on `online`', async () => {
		await writeSchool();
		net.online = false;
		const sync = runner();
		sync.start(device);
		await sync.running;
		expect(sync.state).toBe('offline');
		expect(sync.message).toBe(OFFLINE_MESSAGE);
		expect(calls).toEqual([]);
		expect(timers.pending.size).toBe(0);

		net.online = true;
		window.dispatchEvent(new Event('online'));
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
		expect(sync.state).toBe('idle');
		expect(await tablet.db.outbox.count()).toBe(0);
	});

	it('goes offline without a timer when the connection drops during a sync', async () => {
		await writeSchool();
		const sync = runner();
		const inner = tablet.transport();
		const dropping = transport({
			...inner,
			push: async () => {
				net.online = false;
				throw new TypeError('Failed to fetch');
			}
		});
		const offlineDuringRun = runner({ transport: dropping });
		offlineDuringRun.start(device);
		await offlineDuringRun.running;
		expect(offlineDuringRun.state).toBe('offline');
		expect(offlineDuringRun.message).toBe(OFFLINE_MESSAGE);
		expect(timers.pending.size).toBe(0);
		expect(await tablet.db.outbox.count()).toBe(1);
		offlineDuringRun.stop();

		// And an `offline` event while waiting to retry cancels the timer.
		net.online = true;
		net.serverDown = true;
		sync.start(device);
		await sync.running;
		expect(sync.state).toBe('waiting-retry');
		window.dispatchEvent(new Event('offline'));
		expect(sync.state).toBe('offline');
		expect(timers.pending.size).toBe(0);
		expect(sync.nextRetryAt).toBeNull();
	});

	it('syncs when the app becomes visible again, not when it is hidden', async () => {
		const sync = runner();
		sync.start(device);
		await sync.running;
		await writeSchool();

		document.visibilityState = 'hidden';
		document.dispatchEvent(new Event('visibilitychange'));
		expect(sync.running).toBeNull();
		expect(await tablet.db.outbox.count()).toBe(1);

		document.visibilityState = 'visible';
		document.dispatchEvent(new Event('visibilitychange'));
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
		expect(await tablet.db.outbox.count()).toBe(0);
	});

	it('syncs on focus only when asked to', async () => {
		const sync = runner();
		sync.start(device);
		await sync.running;
		window.dispatchEvent(new Event('focus'));
		expect(sync.running).toBeNull();

		sync.start(device, { syncOnFocus: true });
		await sync.running;
		await writeSchool();
		window.dispatchEvent(new Event('focus'));
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
	});

	it('joins a run already under way instead of starting a second one', async () => {
		await writeSchool();
		const sync = runner();
		sync.start(device);
		const first = sync.syncNow();
		const second = sync.syncNow();
		expect(second).toBe(first);
		expect(await second).toMatchObject({ ok: true, pushed: 1 });
		expect(tablet.sent).toHaveLength(1);
		expect(calls.filter((c) => c === 'push')).toHaveLength(1);
	});

	it('"Sync now" cancels the pending retry and runs at once', async () => {
		await writeSchool();
		net.serverDown = true;
		const sync = runner();
		sync.start(device);
		await sync.running;
		expect(sync.message).toBe(
			'The server had a problem (500). Fieldbook will try again in 1 second.'
		);
		expect(timers.pending.size).toBe(1);

		net.serverDown = false;
		expect(await sync.syncNow()).toMatchObject({ ok: true, pushed: 1 });
		expect(timers.pending.size).toBe(0);
		expect(sync.state).toBe('idle');
	});

	it('backs off longer after each failure, up to the cap, and starts again after a success', async () => {
		await writeSchool();
		net.serverDown = true;
		const sync = runner({ random: () => 1 });
		sync.start(device);
		const delays: number[] = [];
		await sync.running;
		for (let i = 0; i < 10; i++) {
			delays.push(...timers.delays);
			timers.fire();
			await sync.running;
		}
		expect(delays).toEqual([
			2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000
		]);
		expect(sync.message).toBe(
			'The server had a problem (500). Fieldbook will try again in 5 minutes.'
		);
		expect(await tablet.db.outbox.count()).toBe(1);

		net.serverDown = false;
		timers.fire();
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
		net.serverDown = true;
		await sync.syncNow();
		expect(timers.delays).toEqual([2_000]);
	});

	it('says when the tablet itself failed, keeps the outbox and tries again later', async () => {
		await writeSchool();
		const sync = runner();
		sync.start(device);
		await sync.running;
		await writeSchool('Another');
		tablet.db.close({ disableAutoOpen: true });
		await sync.syncNow();
		expect(sync.state).toBe('error');
		expect(sync.message).toMatch(
			/^Something went wrong on this tablet while syncing \(.+\)\. Nothing has been deleted\. Fieldbook will try again in 1 second\.$/
		);
		expect(timers.pending.size).toBe(1);

		await tablet.db.open();
		expect(await tablet.db.outbox.count()).toBe(1);
		timers.fire();
		expect(await sync.running).toMatchObject({ ok: true, pushed: 1 });
		expect(await onServer()).toHaveLength(2);
	});

	it('two tabs sharing a Web Lock never sync at the same time', async () => {
		const { inFlight, results } = await twoTabs(memoryLock());
		expect(inFlight.max).toBe(1);
		expect(results).toEqual([
			expect.objectContaining({ ok: true, pushed: 1 }),
			expect.objectContaining({ ok: true, pushed: 0 })
		]);
		expect(tablet.sent).toHaveLength(1);
		expect(await onServer()).toHaveLength(1);
	});

	it('(control) without the lock the same two tabs would push at the same time', async () => {
		const { inFlight } = await twoTabs(null);
		expect(inFlight.max).toBe(2);
		expect(tablet.sent).toHaveLength(2);
	});

	it('syncs a moment after the last of several quick writes, in one push', async () => {
		const sync = runner({ watchWrites: onOutboxWrite });
		sync.start(device);
		await sync.running;
		expect(timers.pending.size).toBe(0);
		calls.length = 0;

		await writeSchool('Drayton Park Primary');
		await vi.waitFor(() => expect(timers.delays).toEqual([WRITE_DEBOUNCE_MS]));
		await writeSchool('Hartwell Primary');
		await vi.waitFor(() => expect(timers.delays).toEqual([WRITE_DEBOUNCE_MS]));
		expect(await tablet.db.outbox.count()).toBe(2);

		timers.fire();
		await vi.waitFor(async () => expect(await tablet.db.outbox.count()).toBe(0));
		await sync.running;
		expect(calls.filter((c) => c === 'push')).toHaveLength(1);
		expect(await onServer()).toHaveLength(2);
	});

	it('a write during a run is pushed by a run after it, never beside it', async () => {
		await writeSchool('Drayton Park Primary');
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const inner = transport();
		const inFlight = { now: 0, max: 0 };
		const sync = runner({
			watchWrites: onOutboxWrite,
			transport: {
				...inner,
				push: async (body) => {
					calls.push('push-started');
					inFlight.max = Math.max(inFlight.max, ++inFlight.now);
					try {
						await held;
						return await inner.push(body);
					} finally {
						inFlight.now--;
					}
				}
			}
		});
		sync.start(device);
		const first = sync.running;
		await vi.waitFor(() => expect(calls).toContain('push-started'));
		await writeSchool('Hartwell Primary');
		await vi.waitFor(() => expect(timers.delays).toEqual([WRITE_DEBOUNCE_MS]));
		timers.fire(); // the debounce ends while the first run still waits on the server
		release();
		// The run under way may take the new change too (it pushes until the outbox is empty).
		expect(await first).toMatchObject({ ok: true });
		await vi.waitFor(async () => expect(await tablet.db.outbox.count()).toBe(0));
		await sync.running;
		expect(inFlight.max).toBe(1);
		expect(await onServer()).toHaveLength(2);
	});

	it('does not sync on a write while offline or waiting out a back-off', async () => {
		net.online = false;
		const sync = runner({ watchWrites: onOutboxWrite });
		sync.start(device);
		await sync.running;
		expect(sync.state).toBe('offline');
		await writeSchool();
		// A second write after the first has surely been seen: still no timer while offline.
		await writeSchool('Hartwell Primary');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(timers.pending.size).toBe(0);

		net.online = true;
		net.serverDown = true;
		window.dispatchEvent(new Event('online'));
		await sync.running;
		expect(sync.state).toBe('waiting-retry');
		expect(timers.pending.size).toBe(1);
		await writeSchool('Oakfield Primary');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(timers.pending.size).toBe(1); // only the back-off's retry
		expect(await tablet.db.outbox.count()).toBe(3);
	});

	it('stop removes the listeners and the retry timer; a new device replaces the old', async () => {
		await writeSchool();
		net.serverDown = true;
		const sync = runner();
		const stop = sync.start(device);
		await sync.running;
		expect(timers.pending.size).toBe(1);
		stop();
		expect(timers.pending.size).toBe(0);
		expect(sync.state).toBe('idle');
		net.serverDown = false;
		window.dispatchEvent(new Event('online'));
		document.dispatchEvent(new Event('visibilitychange'));
		expect(sync.running).toBeNull();
		expect(await sync.syncNow()).toBeNull();
		expect(await tablet.db.outbox.count()).toBe(1);

		const other = new SimDevice('ann-phone', 'a000000000000002', tablet.user, server);
		const stopTablet = sync.start(device);
		await sync.running;
		expect(await tablet.db.outbox.count()).toBe(0);
		sync.start({ db: other.db, clientId: other.clientId, userId: tablet.user.id });
		stopTablet(); // the tablet's stop, called late, leaves the phone running
		window.dispatchEvent(new Event('online'));
		expect(await sync.running).toMatchObject({ ok: true, pulled: 1 });
		expect(await other.db.records.count()).toBe(1);
		other.db.close();
	});
});

/**
 * Two tabs of the same installation: same database, same clientId. Tab A's push is held until
 * tab B has either queued for the lock or reached the server itself.
 */
async function twoTabs(shared: ReturnType<typeof memoryLock> | null) {
	await writeSchool();
	const inFlight = { now: 0, max: 0 };
	let aEntered!: () => void;
	const aInPush = new Promise<void>((resolve) => (aEntered = resolve));
	let bReached!: () => void;
	const bAtServer = new Promise<void>((resolve) => (bReached = resolve));
	const counted = (hold: Promise<void> | null, entered: () => void): SyncTransport => {
		const inner = transport();
		const wrap =
			<A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
			async (...args: A) => {
				inFlight.max = Math.max(inFlight.max, ++inFlight.now);
				try {
					entered();
					if (hold) await hold;
					return await call(...args);
				} finally {
					inFlight.now--;
				}
			};
		return {
			push: wrap(inner.push),
			pull: wrap(inner.pull),
			putBlob: wrap(inner.putBlob),
			getBlob: wrap(inner.getBlob)
		};
	};
	const releaseA = Promise.race([shared?.someoneWaits ?? new Promise<void>(() => {}), bAtServer]);
	const tabA = runner({ transport: counted(releaseA, aEntered), lock: shared?.lock ?? null });
	const tabB = runner({ transport: counted(null, bReached), lock: shared?.lock ?? null });
	tabA.start(device);
	const a = tabA.running;
	await aInPush;
	tabB.start(device);
	const results = await Promise.all([a, tabB.running]);
	return { inFlight, results };
}
