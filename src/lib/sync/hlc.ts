import { z } from 'zod';

/*
 * Hybrid logical clock (DESIGN.md §3, format in §6):
 *
 *   2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65
 *   └── wall time, ISO UTC ms ──┘ └ctr┘ └─ clientId ─┘
 *
 * Every part is fixed width (years 0000–9999, a 4-hex-digit counter, 16 hex digits of
 * clientId), so comparing two stamps as strings compares them as clocks: wall time first,
 * then the counter, then the clientId as a tie-break that makes every stamp unique.
 * It orders field writes only; the server's own sequence orders the change log.
 */

export const clientIdSchema = z
	.string()
	.regex(/^[0-9a-f]{16}$/, 'A clientId is 16 lower-case hex digits')
	.describe('random id of one installation of the app, shared by its tabs');

const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
const MAX_COUNTER = 0xffff;
/** A change stamped further ahead of the server's clock than this is refused: clock-ahead. */
export const MAX_DRIFT_MS = 5 * 60_000;

export interface Hlc {
	wallMs: number;
	counter: number;
	clientId: string;
}

export function formatHlc({ wallMs, counter, clientId }: Hlc): string {
	return `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${clientId}`;
}

/** The clock in a stamp, or null when the string is not a well-formed stamp. */
export function parseHlc(stamp: string): Hlc | null {
	const match = HLC_PATTERN.exec(stamp);
	if (!match) return null;
	const wallMs = Date.parse(match[1]!);
	// Date.parse accepts 2026-02-31; a stamp must print back exactly as it was written.
	if (Number.isNaN(wallMs) || new Date(wallMs).toISOString() !== match[1]) return null;
	return { wallMs, counter: parseInt(match[2]!, 16), clientId: match[3]! };
}

export const hlcSchema = z
	.string()
	.refine((s) => parseHlc(s) !== null, 'Not a hybrid logical clock stamp')
	.describe('<ISO time with ms>-<4 hex counter>-<16 hex clientId>; string order is clock order');

export function compareHlc(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a stamp is further ahead of the server's clock than the allowed drift. */
export function isAheadOf(stamp: string, serverNowMs: number): boolean {
	const clock = parseHlc(stamp);
	return clock !== null && clock.wallMs > serverNowMs + MAX_DRIFT_MS;
}

/**
 * One device's clock. `now` never goes backwards, even when the wall clock does: it keeps the
 * last wall time and counts up. A full counter moves the wall time on by 1 ms instead of
 * wrapping, so order is never lost.
 */
export class HlcClock {
	#last: Hlc;

	constructor(
		readonly clientId: string,
		last?: string | null
	) {
		clientIdSchema.parse(clientId);
		this.#last = (last && parseHlc(last)) || { wallMs: 0, counter: 0, clientId };
		this.#last = { ...this.#last, clientId };
	}

	/** The last stamp given, to persist and pass back to the constructor after a restart. */
	get last(): string {
		return formatHlc(this.#last);
	}

	now(wallClockMs: number): string {
		const wall = Math.max(this.#last.wallMs, wallClockMs);
		this.#last = this.#next(wall, wall === this.#last.wallMs ? this.#last.counter : -1);
		return formatHlc(this.#last);
	}

	/** Takes in a stamp seen from elsewhere, so that later local stamps order after it. */
	receive(remote: string, wallClockMs: number): string {
		const other = parseHlc(remote);
		if (!other) throw new Error(`Not an HLC stamp: ${remote}`);
		const wall = Math.max(this.#last.wallMs, other.wallMs, wallClockMs);
		const floor =
			wall === this.#last.wallMs && wall === other.wallMs
				? Math.max(this.#last.counter, other.counter)
				: wall === this.#last.wallMs
					? this.#last.counter
					: wall === other.wallMs
						? other.counter
						: -1;
		this.#last = this.#next(wall, floor);
		return formatHlc(this.#last);
	}

	#next(wall: number, counterFloor: number): Hlc {
		if (counterFloor + 1 > MAX_COUNTER)
			return { wallMs: wall + 1, counter: 0, clientId: this.clientId };
		return { wallMs: wall, counter: counterFloor + 1, clientId: this.clientId };
	}
}
