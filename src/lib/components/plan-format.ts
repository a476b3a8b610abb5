/** Times and days of the visit plan, in the tablet's own zone and language. */

// One formatter each, made as Today's module loads behind the lock (behind-lock.ts): making one
// costs tens of milliseconds the first time, and toLocale*String made one at every call, each
// row of the plan as Today first drew after the unlock (issue 16: unlock_ms).
const times = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const days = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return 'No time set';
	return times.format(date);
}

/** "Tuesday 10 March". */
export function formatDay(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return days.format(date);
}
