import type { Person } from '$lib/domain/person';
import type { DB } from './db';

/** The people directory: every account not disabled, by name. */
export async function listPeople(db: DB): Promise<Person[]> {
	return db
		.selectFrom('users')
		.select(['id', 'name', 'role'])
		.where('disabled_at', 'is', null)
		.orderBy('name')
		.orderBy('id')
		.execute();
}
