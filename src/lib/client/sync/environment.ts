import type { FieldbookDatabase } from '../db/database';
import { onOutboxWrite } from '../db/outbox-events';
import type { SyncTransport } from './engine';
import { httpTransport } from './http-transport';

/**
 * The Web Locks contract the runner relies on: `task` runs only while this context holds the
 * exclusive lock `name`, after whoever held it before has finished; the promise settles with
 * the task's result.
 */
export type SyncLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/** What the runner needs of `document`: its visibility and its `visibilitychange` event. */
export interface VisibilitySource extends EventTarget {
	readonly visibilityState: DocumentVisibilityState;
}

/** Everything the runner takes from the browser; tests hand in their own. */
export interface SyncEnvironment {
	transport: SyncTransport;
	now: () => number;
	setTimeout: (run: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
	random: () => number;
	/** null where the browser has no Web Locks (Safari before 15.4): sync runs without one. */
	lock: SyncLock | null;
	/** Where `online`, `offline` and `focus` arrive. */
	window: EventTarget | null;
	document: VisibilitySource | null;
	/** False only when the browser knows there is no network at all. */
	online: () => boolean;
	/**
	 * Calls `wrote` whenever a write queues changes in the device's outbox; returns the function
	 * that stops watching. null: only the other triggers sync.
	 */
	watchWrites: ((db: FieldbookDatabase, wrote: () => void) => () => void) | null;
}

type TimerHandle = ReturnType<typeof globalThis.setTimeout>;

export function browserEnvironment(): SyncEnvironment {
	const locks = globalThis.navigator?.locks;
	return {
		transport: httpTransport(),
		now: () => Date.now(),
		setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
		clearTimeout: (handle) => globalThis.clearTimeout(handle as TimerHandle),
		random: Math.random,
		// An exclusive request that waits its turn: a second tab's run starts after the first's
		// push and pull, and finds little left to do.
		lock: locks ? async (name, task) => await locks.request(name, task) : null,
		window: typeof window === 'undefined' ? null : window,
		document: typeof document === 'undefined' ? null : document,
		online: () => globalThis.navigator?.onLine !== false,
		watchWrites: onOutboxWrite
	};
}

export const isoTime = (ms: number) => new Date(ms).toISOString();

/** The request never got an answer (fetch rejected, or the reply was cut): the network, not the server. */
export class Unreachable extends Error {}

/** Marks a failing transport call as Unreachable, so it is never mistaken for a fault on the device. */
export function reporting(transport: SyncTransport): SyncTransport {
	const guard = async <T>(call: () => Promise<T>): Promise<T> => {
		try {
			return await call();
		} catch (cause) {
			throw new Unreachable(cause instanceof Error ? cause.message : String(cause), { cause });
		}
	};
	return {
		push: (body) => guard(() => transport.push(body)),
		pull: (since, limit) => guard(() => transport.pull(since, limit)),
		putBlob: (hash, type, bytes) => guard(() => transport.putBlob(hash, type, bytes)),
		getBlob: (hash) => guard(() => transport.getBlob(hash))
	};
}

/**
 * Listens for the moments a sync is due: the connection returns, the app becomes visible
 * again, and (if asked) the window gets focus. Returns the function that stops listening.
 */
export function listen(
	env: SyncEnvironment,
	on: { sync: () => void; offline: () => void },
	syncOnFocus = false
): () => void {
	const visible = () => {
		if (env.document?.visibilityState === 'visible') on.sync();
	};
	const listeners: [EventTarget | null, string, () => void][] = [
		[env.window, 'online', on.sync],
		[env.window, 'offline', on.offline],
		[env.document, 'visibilitychange', visible]
	];
	if (syncOnFocus) listeners.push([env.window, 'focus', on.sync]);
	for (const [target, type, listener] of listeners) target?.addEventListener(type, listener);
	return () => {
		for (const [target, type, listener] of listeners) target?.removeEventListener(type, listener);
	};
}
