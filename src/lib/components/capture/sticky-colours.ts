import { stickyColours } from '$lib/domain/observation';

export type StickyColour = (typeof stickyColours)[number];

/**
 * Each colour by name, never by colour alone, and its paper: light tints, so the app's ink
 * (#1b1f23) on them stays well above the 4.5:1 of WCAG AA (tested in sticky-colours.test.ts).
 */
export const stickyColourLabels: Record<StickyColour, string> = {
	yellow: 'Yellow',
	pink: 'Pink',
	blue: 'Blue',
	green: 'Green',
	orange: 'Orange'
};

export const stickyPaper: Record<StickyColour, string> = {
	yellow: '#fff4a8',
	pink: '#ffd9e8',
	blue: '#d3e9ff',
	green: '#d6f5d1',
	orange: '#ffdcb5'
};

export const isStickyColour = (value: string | null): value is StickyColour =>
	value !== null && (stickyColours as readonly string[]).includes(value);
