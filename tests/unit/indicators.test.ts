import { describe, expect, it } from 'vitest';
import {
	formatIndicatorValue,
	indicatorFromDraft,
	indicatorSuggestions,
	parseIndicatorValue,
	unitFor
} from '../../src/lib/components/capture/indicators';
import { indicatorSchema } from '../../src/lib/domain/observation';

describe('unitFor', () => {
	it('gives a suggested indicator’s unit, whatever the case and spacing typed', () => {
		expect(unitFor('Staff attendance')).toBe('%');
		expect(unitFor('  bullying   INCIDENTS ')).toBe('incidents');
		expect(unitFor('Staff sickness')).toBe('days');
	});
	it('has none for a name of the person’s own', () => {
		expect(unitFor('Library loans')).toBeNull();
		expect(unitFor('')).toBeNull();
	});
	it('offers each suggestion once, every one a valid indicator name and unit', () => {
		const names = indicatorSuggestions.map((s) => s.name.toLowerCase());
		expect(new Set(names).size).toBe(names.length);
		for (const s of indicatorSuggestions)
			expect(indicatorSchema.safeParse({ ...s, value: 1, period: '' }).success).toBe(true);
	});
});

describe('parseIndicatorValue', () => {
	it('reads decimals, signs, thousands and a trailing per cent sign', () => {
		expect(parseIndicatorValue(' 94.5 ')).toEqual({ ok: true, value: 94.5 });
		expect(parseIndicatorValue('-2')).toEqual({ ok: true, value: -2 });
		expect(parseIndicatorValue('.5')).toEqual({ ok: true, value: 0.5 });
		expect(parseIndicatorValue('1,204')).toEqual({ ok: true, value: 1204 });
		expect(parseIndicatorValue('12,345.75')).toEqual({ ok: true, value: 12345.75 });
		expect(parseIndicatorValue('96 %')).toEqual({ ok: true, value: 96 });
		expect(parseIndicatorValue('0')).toEqual({ ok: true, value: 0 });
	});
	it('refuses words, a European comma, and several numbers, saying what to type', () => {
		for (const typed of ['n/a', 'about 90', '94,5', '12-15', '1e400', '--3', 'Infinity']) {
			const result = parseIndicatorValue(typed);
			expect(result, typed).toEqual({
				ok: false,
				error: `“${typed}” is not a number: enter digits, like 94.5`
			});
		}
	});
	it('asks for a value when there is none', () => {
		expect(parseIndicatorValue('   ')).toEqual({
			ok: false,
			error: 'Enter the value, as a number like 94.5'
		});
	});
});

describe('indicatorFromDraft', () => {
	it('makes a tidy indicator the domain schema accepts', () => {
		const result = indicatorFromDraft({
			name: ' Staff  attendance ',
			value: '94.5',
			unit: ' % ',
			period: ' 2025/26 autumn term '
		});
		expect(result).toEqual({
			ok: true,
			indicator: { name: 'Staff attendance', value: 94.5, unit: '%', period: '2025/26 autumn term' }
		});
		if (result.ok) expect(indicatorSchema.parse(result.indicator)).toEqual(result.indicator);
	});
	it('names each field to fix', () => {
		expect(indicatorFromDraft({ name: ' ', value: 'lots', unit: '', period: '' })).toEqual({
			ok: false,
			errors: {
				name: 'Name the indicator, e.g. Staff attendance',
				value: '“lots” is not a number: enter digits, like 94.5'
			}
		});
	});
});

describe('formatIndicatorValue', () => {
	it('writes the value with its unit as a reader expects', () => {
		const base = { name: 'x', period: '' };
		expect(formatIndicatorValue({ ...base, value: 94.5, unit: '%' })).toBe('94.5%');
		expect(formatIndicatorValue({ ...base, value: 3, unit: 'incidents' })).toBe('3 incidents');
		expect(formatIndicatorValue({ ...base, value: 1204, unit: '' })).toBe('1,204');
	});
});
