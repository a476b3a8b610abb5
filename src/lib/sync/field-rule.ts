import { compareHlc } from './hlc';

/** A stored field: its value and the HLC and author of its last write. */
export interface FieldState {
	value: unknown;
	hlc: string;
	author: string;
}

/** What one write does to one field: whether it replaces the stored value, and whether it clashes. */
export interface FieldVerdict {
	take: boolean;
	conflict: boolean;
}

// Values come from JSON, so equal JSON is equal value; key order is the writer's, kept as sent.
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * THE per-field rule (DESIGN.md §3), the one place it is written: the server's merge, the
 * device's own writes and the device's pulls all ask it, so they cannot drift apart.
 *
 * A field takes the incoming value when the write's HLC is greater than the stored field's (an
 * absent field always takes it). Equal stamps are the same write — a stamp holds its clientId
 * and each device's clock only goes forwards — so the stored one stays, which makes re-applying
 * a write a no-op. The outcome is the field-wise maximum by HLC, so every replica applying the
 * same writes, in any order, ends with the same values.
 *
 * A text field conflicts when the writer had not seen the stored write (its `seen` stamp, the
 * change's base, differs from the stored one) and the two texts differ: last-writer-wins would
 * silently discard someone's words. A conflict never changes which value wins.
 */
export function mergeField(
	stored: FieldState | undefined,
	incoming: FieldState,
	seen: string | undefined,
	text: boolean
): FieldVerdict {
	if (stored === undefined) return { take: true, conflict: false };
	const take = compareHlc(incoming.hlc, stored.hlc) > 0;
	const conflict = text && seen !== stored.hlc && !sameValue(stored.value, incoming.value);
	return { take, conflict };
}
