import type { Person } from '$lib/domain/person';
import { refreshPeople } from './people';

/** The people directory as the screens show it: one copy per tab, for the signed-in user. */
class PeopleDirectory {
	list = $state<Person[]>([]);
	/** False until the server or the device's copy has answered: names show as a loading state. */
	loaded = $state(false);
	#userId: string | null = null;
	#loading: Promise<void> | null = null;

	/** Asks again (or joins the question already asked); keeps the last answer meanwhile. */
	load(userId: string): Promise<void> {
		if (this.#userId !== userId) {
			this.#userId = userId;
			this.list = [];
			this.loaded = false;
			this.#loading = null;
		}
		this.#loading ??= refreshPeople(userId)
			.then((people) => {
				if (this.#userId !== userId) return;
				if (people) this.list = people;
				this.loaded = true;
			})
			.finally(() => (this.#loading = null));
		return this.#loading;
	}
}

export const peopleDirectory = new PeopleDirectory();
