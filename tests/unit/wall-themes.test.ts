import { describe, expect, it } from 'vitest';
import {
	chosenTheme,
	groupByTheme,
	themeNames
} from '../../src/lib/components/capture/wall-themes';
import { contrastRatio } from '../helpers/contrast';
import { stickyColours } from '../../src/lib/domain/observation';
import { stickyPaper } from '../../src/lib/components/capture/sticky-colours';

const note = (id: string, theme: string | null) => ({ id, theme });

describe('groupByTheme', () => {
	it('puts notes under their themes, merging case and spacing, and keeps the rest apart', () => {
		const notes = [
			note('a', 'Belonging'),
			note('b', null),
			note('c', '  belonging '),
			note('d', 'Adults who  listen'),
			note('e', '   '),
			note('f', 'adults who listen')
		];
		const { themes, ungrouped } = groupByTheme(notes);
		expect(themes).toEqual([
			{ name: 'Adults who listen', notes: [notes[3], notes[5]] },
			{ name: 'Belonging', notes: [notes[0], notes[2]] }
		]);
		expect(ungrouped).toEqual([notes[1], notes[4]]);
	});

	it('has no themes when no note has one', () => {
		expect(groupByTheme([note('a', null)])).toEqual({ themes: [], ungrouped: [note('a', null)] });
		expect(groupByTheme([])).toEqual({ themes: [], ungrouped: [] });
	});
});

describe('themeNames', () => {
	it('lists each theme once, spelt as first written, alphabetically', () => {
		expect(
			themeNames([
				note('a', 'Safety'),
				note('b', 'belonging'),
				note('c', 'SAFETY'),
				note('d', null)
			])
		).toEqual(['belonging', 'Safety']);
	});
});

describe('chosenTheme', () => {
	const existing = ['Belonging', 'Safety'];
	it('takes an existing theme’s own spelling for the same name typed otherwise', () => {
		expect(chosenTheme('  belonging ', existing)).toBe('Belonging');
		expect(chosenTheme('SAFETY', existing)).toBe('Safety');
	});
	it('tidies a new name, and an empty one means no theme', () => {
		expect(chosenTheme('  Adults   who listen ', existing)).toBe('Adults who listen');
		expect(chosenTheme('   ', existing)).toBeNull();
	});
});

describe('sticky note colours', () => {
	it('keep the app’s ink at WCAG AA contrast (4.5:1) or better on every colour', () => {
		for (const colour of stickyColours) {
			expect(contrastRatio('#1b1f23', stickyPaper[colour]), colour).toBeGreaterThanOrEqual(4.5);
			// The tags' and links' brand colour is written on them too.
			expect(contrastRatio('#1f4e5f', stickyPaper[colour]), colour).toBeGreaterThanOrEqual(4.5);
			expect(contrastRatio('#a4161a', stickyPaper[colour]), colour).toBeGreaterThanOrEqual(4.5);
		}
	});
	it('the contrast check itself tells black on white from grey on white', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
	});
});
