import { describe, expect, it } from 'vitest';
import { boundedCopy, JSON_LIMITS, jsonProblem } from '../../src/lib/domain/json-bounds';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('bounded JSON', () => {
	it('accepts values within the limits and names where one goes past them', () => {
		expect(
			jsonProblem({ text: 'a note', tags: ['x'], n: 1, ok: true, none: null }, JSON_LIMITS.field)
		).toBeNull();
		expect(jsonProblem(nested(16), JSON_LIMITS.field)).toBeNull();
		expect(jsonProblem(nested(17), JSON_LIMITS.field, 'text')).toBe(
			'text[0][0]: nested deeper than 16 levels'
		);
		expect(jsonProblem({ a: 'x'.repeat(100_001) }, JSON_LIMITS.change)).toBe(
			'a: a text over 100000 characters'
		);
		expect(jsonProblem(new Array(10_001).fill(0), JSON_LIMITS.change)).toMatch(/over 10000 items/);
		expect(jsonProblem({ ['k'.repeat(201)]: 1 }, JSON_LIMITS.change)).toMatch(/a key over 200/);
		expect(jsonProblem(Array(11).fill('x'.repeat(99_000)), JSON_LIMITS.change)).toMatch(
			/over 1000000 characters/
		);
		expect(jsonProblem({ n: Number.NaN }, JSON_LIMITS.field)).toBe('n: not a JSON number');
	});

	it('checks a value 100,000 deep without overflowing the stack', () => {
		expect(jsonProblem(nested(100_000), JSON_LIMITS.change)).toMatch(/nested deeper than 20/);
	});

	it('keeps a bounded, serialisable copy of anything, odd keys as plain keys', () => {
		const odd = JSON.parse(
			'{"__proto__":{"polluted":true},"deep":' + JSON.stringify(nested(10)) + '}'
		);
		const copy = boundedCopy({ odd, huge: nested(100_000), long: 'y'.repeat(5_000) }) as Record<
			string,
			any
		>;
		expect(jsonProblem(copy, JSON_LIMITS.change)).toBeNull();
		expect(JSON.stringify(copy).length).toBeLessThan(70_000);
		expect(Object.hasOwn(copy.odd, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(copy.long).toBe('y'.repeat(1_000) + '…');
	});
});
