import { del, get, set, type UseStore } from 'idb-keyval';
import { peopleAnswerSchema, type Person } from '$lib/domain/person';

/*
 * The people directory (GET /api/people), kept on the device per user so that names show and
 * members can be added with no network. It is a copy: the server is the truth, and an account
 * made since the last fetch is "another member" until the next one.
 */

const cacheKey = (userId: string) => `people:${userId}`;

export async function cachedPeople(userId: string, keyval?: UseStore): Promise<Person[] | null> {
	const parsed = peopleAnswerSchema.safeParse({ people: await get(cacheKey(userId), keyval) });
	return parsed.success ? parsed.data.people : null;
}

/**
 * Asks the server for the directory and keeps it; with no answer (offline, or an error), the
 * copy on the device, or null when there is none.
 */
export async function refreshPeople(
	userId: string,
	f: typeof fetch = fetch,
	keyval?: UseStore
): Promise<Person[] | null> {
	try {
		const answer = await f('/api/people', { credentials: 'same-origin', cache: 'no-store' });
		const parsed = answer.ok ? peopleAnswerSchema.safeParse(await answer.json()) : null;
		if (parsed?.success) {
			await set(cacheKey(userId), parsed.data.people, keyval);
			return parsed.data.people;
		}
	} catch {
		// offline: the copy below
	}
	return cachedPeople(userId, keyval);
}

/** At sign-out, with the rest of the user's data on the device. */
export async function forgetPeople(userId: string, keyval?: UseStore): Promise<void> {
	await del(cacheKey(userId), keyval);
}

/** "you", the person's name, or "another member" for someone this device does not know yet. */
export function personName(people: readonly Person[], id: string | null, me: string): string {
	if (id === me) return 'you';
	return people.find((p) => p.id === id)?.name ?? 'another member';
}
