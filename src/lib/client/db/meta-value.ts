/*
 * Hand-written checks for the values of the clear `meta` table (meta.ts). Not zod: opening the
 * device and the lock screen read `meta`, and the first page's script must stay small (README,
 * Performance, `bundle_kb`). Each check says whether a stored value has the shape its key holds.
 */

export type Check<T> = (value: unknown) => value is T;

export const isString: Check<string> = (v): v is string => typeof v === 'string';

/** An ISO instant as `Date.prototype.toISOString` writes it. */
export const isInstant: Check<string> = (v): v is string =>
	typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v);

/** A clientId: 16 lower-case hex digits (the same rule as sync/hlc.ts, without its zod). */
export const isClientId: Check<string> = (v): v is string =>
	typeof v === 'string' && /^[0-9a-f]{16}$/.test(v);

/** A stamp in the fixed-width HLC format (sync/hlc.ts), or '' for "none yet". */
export const isHlcOrEmpty: Check<string> = (v): v is string =>
	v === '' ||
	(typeof v === 'string' &&
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/.test(v));

export const isFiniteNumber: Check<number> = (v): v is number =>
	typeof v === 'number' && Number.isFinite(v);

export const isPositiveInteger: Check<number> = (v): v is number =>
	typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

export const isStringList: Check<string[]> = (v): v is string[] =>
	Array.isArray(v) && v.every((h) => typeof h === 'string');

export const orNull =
	<T>(check: Check<T>): Check<T | null> =>
	(v): v is T | null =>
		v === null || check(v);

/** A plain object whose named fields pass their checks (other fields are let through). */
export function isShaped<T>(fields: { [F in keyof T]-?: Check<T[F]> }): Check<T> {
	return (v): v is T =>
		typeof v === 'object' &&
		v !== null &&
		!Array.isArray(v) &&
		Object.entries(fields).every(([name, check]) =>
			(check as Check<unknown>)((v as Record<string, unknown>)[name])
		);
}

export const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';

export const optional =
	<T>(check: Check<T>): Check<T | undefined> =>
	(v): v is T | undefined =>
		v === undefined || check(v);
