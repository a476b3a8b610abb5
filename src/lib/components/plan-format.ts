/** Times and days of the visit plan, in the tablet's own zone and language. */

export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return 'No time set';
	return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "Tuesday 10 March". */
export function formatDay(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return date.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
}
