import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareHlc,
	formatHlc,
	HlcClock,
	isAheadOf,
	MAX_DRIFT_MS,
	parseHlc
} from '../../src/lib/sync/hlc';
import { hlcSchema } from '../../src/lib/sync/hlc-schema';

const clientId = '9f86d081884c7d65';
// Years 1970–9999: the range the fixed-width format covers.
const wallMs = fc.integer({ min: 0, max: 253_402_300_799_999 });
const hexId = fc.stringMatching(/^[0-9a-f]{16}$/);
const clock = fc.record({ wallMs, counter: fc.integer({ min: 0, max: 0xffff }), clientId: hexId });

describe('HLC stamps', () => {
	it('have the format of DESIGN.md §6', () => {
		const example = '2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65';
		expect(parseHlc(example)).toEqual({
			wallMs: Date.parse('2026-11-23T09:15:02.117Z'),
			counter: 0,
			clientId
		});
		expect(formatHlc(parseHlc(example)!)).toBe(example);
		expect(hlcSchema.safeParse(example).success).toBe(true);
	});

	it('round-trip through format and parse', () => {
		fc.assert(
			fc.property(clock, (c) => {
				expect(parseHlc(formatHlc(c))).toEqual(c);
			})
		);
	});

	it('sort as strings exactly as they sort as clocks', () => {
		fc.assert(
			fc.property(clock, clock, (a, b) => {
				const byClock =
					a.wallMs - b.wallMs ||
					a.counter - b.counter ||
					(a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
				expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(byClock));
			})
		);
	});

	it('refuse malformed stamps', () => {
		for (const bad of [
			'',
			'2026-11-23T09:15:02.117Z-0000-9F86D081884C7D65',
			'2026-11-23T09:15:02Z-0000-9f86d081884c7d65',
			'2026-02-31T09:15:02.117Z-0000-9f86d081884c7d65',
			'2026-11-23T09:15:02.117Z-00000-9f86d081884c7d65',
			'2026-11-23T09:15:02.117Z-0000-9f86d081884c7d6'
		]) {
			expect(parseHlc(bad)).toBeNull();
			expect(hlcSchema.safeParse(bad).success).toBe(false);
		}
	});

	it('are "ahead" only beyond the allowed drift', () => {
		const now = Date.parse('2026-11-23T09:00:00.000Z');
		const at = (ms: number) => formatHlc({ wallMs: ms, counter: 0, clientId });
		expect(isAheadOf(at(now + MAX_DRIFT_MS), now)).toBe(false);
		expect(isAheadOf(at(now + MAX_DRIFT_MS + 1), now)).toBe(true);
	});
});

describe('a device clock', () => {
	it('never goes backwards, whatever the wall clock does', () => {
		fc.assert(
			fc.property(fc.array(wallMs, { minLength: 1, maxLength: 200 }), (walls) => {
				const device = new HlcClock(clientId);
				let last = '';
				for (const wall of walls) {
					const stamp = device.now(wall);
					expect(compareHlc(stamp, last)).toBe(1);
					last = stamp;
				}
			})
		);
	});

	it('counts up within one millisecond and moves on past a full counter', () => {
		const device = new HlcClock(clientId);
		const t = Date.parse('2026-11-23T09:00:00.000Z');
		expect(device.now(t)).toBe('2026-11-23T09:00:00.000Z-0000-' + clientId);
		expect(device.now(t)).toBe('2026-11-23T09:00:00.000Z-0001-' + clientId);
		expect(device.now(t - 60_000)).toBe('2026-11-23T09:00:00.000Z-0002-' + clientId);
		const full = new HlcClock(clientId, `2026-11-23T09:00:00.000Z-ffff-${clientId}`);
		expect(full.now(t)).toBe('2026-11-23T09:00:00.001Z-0000-' + clientId);
	});

	it('resumes after a restart from its persisted last stamp', () => {
		const t = Date.parse('2026-11-23T09:00:00.000Z');
		const before = new HlcClock(clientId);
		before.now(t);
		const stamp = before.now(t);
		const after = new HlcClock(clientId, before.last);
		expect(compareHlc(after.now(t - 1000), stamp)).toBe(1);
	});

	it('orders its next stamp after any stamp it receives', () => {
		fc.assert(
			fc.property(clock, wallMs, wallMs, (remote, localWall, laterWall) => {
				const device = new HlcClock(clientId);
				device.now(localWall);
				const merged = device.receive(formatHlc(remote), laterWall);
				expect(compareHlc(merged, formatHlc(remote))).toBe(1);
				expect(compareHlc(device.now(laterWall), formatHlc(remote))).toBe(1);
			})
		);
	});
});
