/*
 * The public view of an account (DESIGN.md §6), checked by hand: who is signed in is read at
 * every load, before the lock screen, and the first page loads no zod (issue 16). The same
 * shape as user.ts's `userSchema`; tests/unit/user-shape.test.ts holds the two together.
 */

export const roles = ['admin', 'advisor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface User {
	id: string;
	email: string;
	name: string;
	role: Role;
}

// zod's `uuidv7()`: version 7, RFC 9562 variant, either case.
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The user in `value` (only its four fields), or null when it is not one. */
export function asUser(value: unknown): User | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const { id, email, name, role } = value as Record<string, unknown>;
	if (typeof id !== 'string' || !UUID_V7.test(id)) return null;
	if (typeof email !== 'string' || typeof name !== 'string') return null;
	if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) return null;
	return { id, email, name, role: role as Role };
}
