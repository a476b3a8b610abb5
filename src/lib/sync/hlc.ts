/*
 * Hybrid logical clock (DESIGN.md §3, format in §6):
 *
 *   2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65
 *   └── wall time, ISO UTC ms ──┘ └ctr┘ └─ clientId ─┘
 *
 * Every part is fixed width — years 0000–9999, a counter of 4 lower-case hex digits (at most
 * 0xffff), a clientId of 16 lower-case hex digits — so comparing two stamps as strings
 * compares them as clocks: wall time first, then the counter, then the clientId as a tie-break
 * that makes every stamp unique. Any store (IndexedDB, SQLite, PostgreSQL) can then sort and
 * compare stamps without parsing them. (Actual Budget's crdt/timestamp.ts does the same.)
 * A stamp orders field writes only; the server's own sequence orders the change log.
 */

/*
 * No zod here: the device's writes and the sync engine stamp with this clock, and neither may
 * carry zod onto the first page (issue 16). The schemas of a clientId and a stamp, built on the
 * same patterns, are in hlc-schema.ts.
 */

/** A clientId: 16 lower-case hex digits. */
export const CLIENT_ID_PATTERN = /^[0-9a-f]{16}$/;
export const HLC_PATTERN =
	/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
export const MAX_COUNTER = 0xffff;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the years a 4-digit stamp can hold. */
export const MIN_WALL_MS = Date.parse('0000-01-01T00:00:00.000Z');
export const MAX_WALL_MS = Date.parse('9999-12-31T23:59:59.999Z');
/** A change stamped further ahead of the server's clock than this is refused: clock-ahead. */
export const MAX_DRIFT_MS = 5 * 60_000;

export type Hlc = { wallMs: number; counter: number; clientId: string };

/** Throws a RangeError for a clock the fixed-width format cannot hold: it would sort wrongly. */
export function formatHlc({ wallMs, counter, clientId }: Hlc): string {
	if (!Number.isInteger(wallMs) || wallMs < MIN_WALL_MS || wallMs > MAX_WALL_MS)
		throw new RangeError(`HLC wall time out of range (years 0000–9999): ${wallMs}`);
	if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER)
		throw new RangeError(`HLC counter out of range (0–0xffff): ${counter}`);
	if (!CLIENT_ID_PATTERN.test(clientId)) throw new RangeError(`Not a clientId: ${clientId}`);
	return `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${clientId}`;
}

/**
 * The clock in a stamp, or null when the string is not a well-formed stamp: input from the
 * wire is checked, not trusted, and a null is easier to turn into a quarantine than a throw.
 */
export function parseHlc(stamp: string): Hlc | null {
	const match = HLC_PATTERN.exec(stamp);
	if (!match) return null;
	const wallMs = Date.parse(match[1]!);
	// Date.parse accepts 2026-02-31; a stamp must print back exactly as it was written, or two
	// spellings of one time would sort apart.
	if (Number.isNaN(wallMs) || new Date(wallMs).toISOString() !== match[1]) return null;
	return { wallMs, counter: parseInt(match[2]!, 16), clientId: match[3]! };
}

/** Plain string order, which is clock order for valid stamps; '' sorts before every stamp. */
export function compareHlc(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a stamp is further ahead of the server's clock than the allowed drift. */
export function isAheadOf(stamp: string, serverNowMs: number): boolean {
	const clock = parseHlc(stamp);
	return clock !== null && clock.wallMs > serverNowMs + MAX_DRIFT_MS;
}

function wallReading(wallClockMs: number): number {
	// A NaN reading (a bad server time, say) must not pass: stamping from 1970 would make the
	// device's writes lose to every older one.
	if (!Number.isFinite(wallClockMs)) throw new RangeError(`Not a wall-clock time: ${wallClockMs}`);
	return Math.floor(wallClockMs); // fractional ms would print alike but compare apart
}

/**
 * One device's clock. `now` never goes backwards, even when the wall clock does: it keeps the
 * last wall time and counts up. A full counter moves the wall time on by 1 ms instead of
 * wrapping, so order is never lost (past 9999-12-31T23:59:59.999Z it throws a RangeError).
 * Its state is its last stamp (`last`), persisted by the device and passed back to the
 * constructor; a missing or unreadable one starts afresh from the wall clock, so a corrupt
 * value never stops a device from writing.
 */
export class HlcClock {
	#last: Hlc;

	constructor(
		readonly clientId: string,
		last?: string | null
	) {
		if (!CLIENT_ID_PATTERN.test(clientId)) throw new TypeError(`Not a clientId: ${clientId}`);
		const saved = last ? parseHlc(last) : null;
		this.#last = { wallMs: saved?.wallMs ?? MIN_WALL_MS, counter: saved?.counter ?? 0, clientId };
	}

	/** The last stamp given, to persist and pass back to the constructor after a restart. */
	get last(): string {
		return formatHlc(this.#last);
	}

	now(wallClockMs: number): string {
		const wall = Math.max(this.#last.wallMs, wallReading(wallClockMs));
		this.#last = this.#next(wall, wall === this.#last.wallMs ? this.#last.counter : -1);
		return formatHlc(this.#last);
	}

	/**
	 * Takes in a stamp seen from elsewhere (the standard HLC receive rule), so that every later
	 * local stamp orders after it. Throws on a malformed stamp. No drift check here: the server
	 * already refuses stamps more than MAX_DRIFT_MS ahead, so pulled stamps are bounded.
	 */
	receive(remote: string, wallClockMs: number): string {
		const other = parseHlc(remote);
		if (!other) throw new Error(`Not an HLC stamp: ${remote}`);
		const last = this.#last;
		const wall = Math.max(last.wallMs, other.wallMs, wallReading(wallClockMs));
		let floor = -1;
		if (wall === last.wallMs) floor = last.counter;
		if (wall === other.wallMs) floor = Math.max(floor, other.counter);
		this.#last = this.#next(wall, floor);
		return formatHlc(this.#last);
	}

	#next(wall: number, counterFloor: number): Hlc {
		if (counterFloor >= MAX_COUNTER)
			return { wallMs: wall + 1, counter: 0, clientId: this.clientId };
		return { wallMs: wall, counter: counterFloor + 1, clientId: this.clientId };
	}
}
