/** Plain-words formatting for the Sync and Audit screens. */

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatWhen(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return 'at an unknown time';
	return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(iso: string, now = Date.now()): string {
	const seconds = Math.round((now - Date.parse(iso)) / 1000);
	if (!Number.isFinite(seconds)) return '';
	if (seconds < 60) return 'just now';
	const [value, unit] =
		seconds < 3600
			? [Math.round(seconds / 60), 'minute']
			: seconds < 86_400
				? [Math.round(seconds / 3600), 'hour']
				: [Math.round(seconds / 86_400), 'day'];
	return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

/** The wall time an HLC stamp carries: its ISO prefix (DESIGN.md §6). */
export function hlcTime(hlc: string): string {
	return hlc.slice(0, 24);
}

export function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

// One formatter for every card: toLocaleTimeString builds a new one per call (about 1 ms each,
// paid by the card a save adds: capture_visible_ms).
let timeOfDay: Intl.DateTimeFormat | null = null;

/** "09:42": the time of day a note was taken, for time-stamped lists. */
export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	timeOfDay ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
	return timeOfDay.format(date);
}
