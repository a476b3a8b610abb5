import type { DBCore, DBCoreMutateRequest, Dexie, Middleware } from 'dexie';

/** Which writes fail: of `table`'s requests of type `kind`, every one after the first `after`. */
export interface Kill {
	table: string;
	kind: DBCoreMutateRequest['type'] | '';
	after: number;
	seen: number;
}

/**
 * Makes `db`'s writes fail as a crash or a full disk would: the `kill.table` request of type
 * `kill.kind` fails once `kill.after` such requests have gone through (`kill.seen` counts them).
 * `kill` may be changed while the test runs.
 */
export function killWrites(db: Dexie, kill: Kill): Kill {
	const killer: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'kill-halfway',
		create: (down) => ({
			...down,
			table(name) {
				const table = down.table(name);
				return {
					...table,
					mutate(req: DBCoreMutateRequest) {
						if (name === kill.table && req.type === kill.kind && kill.seen++ >= kill.after)
							return Promise.reject(new Error('killed halfway'));
						return table.mutate(req);
					}
				};
			}
		})
	};
	db.use(killer);
	return kill;
}
