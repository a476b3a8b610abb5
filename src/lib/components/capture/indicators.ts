import type { Indicator } from '$lib/domain/observation';

/**
 * The figures a data review usually looks at (seed 001: attendance, bullying, exclusions,
 * referrals), each with the unit it is counted in. Offered, never imposed: any name will do.
 */
export const indicatorSuggestions: { name: string; unit: string }[] = [
	{ name: 'Staff attendance', unit: '%' },
	{ name: 'Pupil attendance', unit: '%' },
	{ name: 'Persistent absence', unit: '%' },
	{ name: 'Bullying incidents', unit: 'incidents' },
	{ name: 'Racist incidents', unit: 'incidents' },
	{ name: 'Exclusions: suspensions', unit: 'suspensions' },
	{ name: 'Exclusions: permanent', unit: 'exclusions' },
	{ name: 'Referrals to CAMHS', unit: 'referrals' },
	{ name: 'Referrals to mental health support', unit: 'referrals' },
	{ name: 'Staff sickness', unit: 'days' },
	{ name: 'Staff turnover', unit: '%' },
	{ name: 'Wellbeing survey score', unit: 'points' },
	{ name: 'Attendance at parent events', unit: 'parents' },
	{ name: 'Staff who accessed mental health training', unit: '%' }
];

const key = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/** The unit a suggested indicator is counted in, or null for a name of the person's own. */
export function unitFor(name: string): string | null {
	return indicatorSuggestions.find((s) => key(s.name) === key(name))?.unit ?? null;
}

/**
 * A figure as typed on a tablet: "94.5", "-2", "1,204" (thousands), "94.5%" (the unit is its
 * own field). Anything else is refused with words that say what to type, never guessed at.
 */
export function parseIndicatorValue(
	typed: string
): { ok: true; value: number } | { ok: false; error: string } {
	const text = typed.trim().replace(/\s*%$/, '');
	if (text === '') return { ok: false, error: 'Enter the value, as a number like 94.5' };
	const plain = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text);
	const thousands = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text);
	const value = Number(text.replace(/,/g, ''));
	if (!(plain || thousands) || !Number.isFinite(value))
		return { ok: false, error: `“${typed.trim()}” is not a number: enter digits, like 94.5` };
	return { ok: true, value };
}

export interface IndicatorDraft {
	name: string;
	value: string;
	unit: string;
	period: string;
}

/** The indicator a form holds, or what to fix beside each field; nothing typed is changed. */
export function indicatorFromDraft(
	draft: IndicatorDraft
): { ok: true; indicator: Indicator } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const name = draft.name.trim().replace(/\s+/g, ' ');
	if (name === '') errors.name = 'Name the indicator, e.g. Staff attendance';
	const value = parseIndicatorValue(draft.value);
	if (!value.ok) errors.value = value.error;
	if (!value.ok || name === '') return { ok: false, errors };
	return {
		ok: true,
		indicator: { name, value: value.value, unit: draft.unit.trim(), period: draft.period.trim() }
	};
}

/** "94.5 %", "3 incidents", "12": the value with its unit, as the table shows it. */
export function formatIndicatorValue(indicator: Indicator): string {
	const value = indicator.value.toLocaleString('en-GB', { maximumFractionDigits: 6 });
	if (indicator.unit === '') return value;
	return indicator.unit === '%' ? `${value}%` : `${value} ${indicator.unit}`;
}
