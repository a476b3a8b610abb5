import type { Device } from '../db/device';
import { lastSuccess, recordAttempt } from '../db/sync-state';
import { retryDelay } from './backoff';
import type { SyncOutcome } from './engine';
import {
	browserEnvironment,
	isoTime,
	listen,
	reporting,
	Unreachable,
	type SyncEnvironment
} from './environment';
import {
	failureMessage,
	OFFLINE_MESSAGE,
	retryCause,
	retryMessage,
	SIGNED_OUT_MESSAGE
} from './messages';

export type SyncState = 'idle' | 'syncing' | 'waiting-retry' | 'offline' | 'signed-out' | 'error';

/** How long after the last write a sync starts: a run of quick notes goes in one push. */
export const WRITE_DEBOUNCE_MS = 2_000;

export interface StartOptions {
	/** Also sync when the window gets focus (a tablet woken from sleep may not fire visibilitychange). */
	syncOnFocus?: boolean;
}

/**
 * Keeps one device in sync (DESIGN.md §3): on start, on `online`, on becoming visible, on
 * "Sync now" and shortly after a write; after a failure, again with back-off. One run at a time per tab, and per device
 * across tabs through a Web Lock. It never deletes anything: on any failure the engine keeps
 * the outbox as it was, and a 401 only waits for the person to sign in again.
 */
export class SyncRunner {
	state = $state<SyncState>('idle');
	lastOutcome = $state<SyncOutcome | null>(null);
	/** Plain words for the person, or null when all is well. */
	message = $state<string | null>(null);
	/** When the next automatic try comes (epoch ms), while one is scheduled. */
	nextRetryAt = $state<number | null>(null);
	/** When push and pull last both succeeded (ISO time), kept across reloads. */
	lastSuccessAt = $state<string | null>(null);

	readonly #overrides: Partial<SyncEnvironment>;
	#env: SyncEnvironment | null = null;
	#device: Device | null = null;
	#session = 0;
	#running: Promise<SyncOutcome | null> | null = null;
	#retry: { handle: unknown } | null = null;
	#soon: { handle: unknown } | null = null;
	#failures = 0;
	#detach: (() => void) | null = null;
	/** The last success read from the device, before the first run reports anything. */
	#ready: Promise<void> = Promise.resolve();

	constructor(environment: Partial<SyncEnvironment> = {}) {
		this.#overrides = environment;
	}

	/** The run in progress, if any. */
	get running(): Promise<SyncOutcome | null> | null {
		return this.#running;
	}

	/** Starts syncing `device` (stopping any other first) and runs once now. Returns `stop`. */
	start(device: Device, options: StartOptions = {}): () => void {
		this.stop();
		const env = { ...browserEnvironment(), ...this.#overrides };
		const session = this.#session;
		this.#env = env;
		this.#device = device;
		const sync = () => void this.syncNow();
		const offline = () => {
			if (this.#running) return; // the run in progress will see it and say so
			this.#cancelRetry();
			this.#show('offline', OFFLINE_MESSAGE);
		};
		const stopListening = listen(env, { sync, offline }, options.syncOnFocus);
		const stopWatching = env.watchWrites?.(device.db, () => this.#wrote()) ?? (() => {});
		this.#detach = () => {
			stopListening();
			stopWatching();
		};
		this.#ready = lastSuccess(device.db).then(
			(at) => {
				if (this.#session === session) this.lastSuccessAt ??= at;
			},
			() => {} // unreadable now: the first successful run sets it
		);
		sync();
		return () => {
			if (this.#session === session) this.stop();
		};
	}

	/** Removes the listeners and the retry timer. A run already under way finishes unobserved. */
	stop(): void {
		this.#detach?.();
		this.#detach = null;
		this.#cancelRetry();
		this.#cancelSoon();
		this.#session++;
		this.#device = null;
		this.#running = null;
		this.#failures = 0;
		this.#show('idle', null);
		this.lastOutcome = null;
		this.lastSuccessAt = null;
	}

	/** Syncs now, or joins the run already under way in this tab. Never rejects. */
	syncNow(): Promise<SyncOutcome | null> {
		if (this.#running) return this.#running;
		const device = this.#device;
		const env = this.#env;
		if (!device || !env) return Promise.resolve(null);
		this.#cancelRetry();
		this.#cancelSoon(); // this run takes what the pending one would have
		const run = this.#run(device, env, this.#session).finally(() => {
			if (this.#running === run) this.#running = null;
		});
		this.#running = run;
		return run;
	}

	async #run(device: Device, env: SyncEnvironment, session: number) {
		await this.#ready;
		if (session !== this.#session) return null;
		if (!env.online()) {
			this.#show('offline', OFFLINE_MESSAGE);
			return null;
		}
		this.#show('syncing', null);
		let outcome: SyncOutcome | null = null;
		let failure: unknown = null;
		try {
			const transport = reporting(env.transport);
			// The engine (push, pull, the wire schemas) loads with the first run, after the page
			// shows: the lock screen and Today do without it (issue 16).
			const { syncOnce } = await import('./engine');
			const task = async () =>
				session === this.#session ? syncOnce(device.db, transport, device.clientId, env.now) : null;
			outcome = env.lock ? await env.lock(`fieldbook-sync:${device.clientId}`, task) : await task();
		} catch (error) {
			failure = error;
		}
		if (session !== this.#session) return outcome;
		this.lastOutcome = outcome;
		const stored = this.#settle(env, outcome, failure);
		try {
			const success = outcome?.ok ? await lastSuccess(device.db) : null;
			if (success && session === this.#session) this.lastSuccessAt = success;
			await recordAttempt(device.db, { at: isoTime(env.now()), ...stored });
		} catch {
			// Only the note of this attempt is lost; the live state already tells the person.
		}
		return outcome;
	}

	/** Shows how the run ended, schedules the next try if one is due; returns what to store. */
	#settle(env: SyncEnvironment, outcome: SyncOutcome | null, failure: unknown) {
		if (outcome?.ok) {
			this.#failures = 0;
			this.#show('idle', null);
			return { ok: true };
		}
		if (outcome?.reason === 'signed-out') {
			// No timer: every try would be refused until the person signs in again.
			this.#show('signed-out', SIGNED_OUT_MESSAGE);
			return { ok: false, message: SIGNED_OUT_MESSAGE };
		}
		if (failure instanceof Unreachable && !env.online()) {
			this.#show('offline', OFFLINE_MESSAGE); // `online` will bring it back
			return { ok: false, message: OFFLINE_MESSAGE };
		}
		const cause = retryCause(outcome, failure);
		const wait = retryDelay(this.#failures++, env.random);
		this.#show(cause.kind === 'local' ? 'error' : 'waiting-retry', retryMessage(cause, wait));
		this.nextRetryAt = env.now() + wait;
		const handle = env.setTimeout(() => {
			this.#retry = null;
			void this.syncNow();
		}, wait);
		this.#retry = { handle };
		return { ok: false, message: failureMessage(cause) };
	}

	/**
	 * A change joined the outbox: sync a moment after the last one. Not while offline, signed
	 * out or waiting out a back-off (the retry or `online` comes first); a write during a run is
	 * pushed by a run after it, never beside it.
	 */
	#wrote() {
		if (!this.#device || !this.#env) return;
		if (this.state === 'offline' || this.state === 'signed-out' || this.#retry) return;
		const env = this.#env;
		const session = this.#session;
		this.#cancelSoon();
		const handle = env.setTimeout(() => {
			this.#soon = null;
			if (session !== this.#session) return;
			const after = this.#running ?? Promise.resolve(null);
			void after.then(() => {
				if (session === this.#session && !this.#retry) void this.syncNow();
			});
		}, WRITE_DEBOUNCE_MS);
		this.#soon = { handle };
	}

	#cancelSoon() {
		if (this.#soon) this.#env?.clearTimeout(this.#soon.handle);
		this.#soon = null;
	}

	#show(state: SyncState, message: string | null) {
		this.state = state;
		this.message = message;
	}

	#cancelRetry() {
		if (this.#retry) this.#env?.clearTimeout(this.#retry.handle);
		this.#retry = null;
		this.nextRetryAt = null;
	}
}

export const syncRunner = new SyncRunner();
