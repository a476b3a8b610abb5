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

/** Which transactions fail: of those writing `table`, every one after the first `after`. */
export interface TransactionKill {
	table: string;
	after: number;
	seen: number;
}

/**
 * Makes a whole transaction's write to `kill.table` fail, as a crash or a full disk would, once
 * `kill.after` transactions have written that table (`kill.seen` counts them): on IndexedDB's
 * own stores, so a write made there directly (commit-ahead.ts) fails as one made through Dexie's
 * table calls does. Every put or add of the doomed transaction to the table throws.
 */
export function killTransactions(db: Dexie, kill: TransactionKill): TransactionKill {
	const killer: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'kill-transactions',
		create: (down) => ({
			...down,
			transaction(stores, mode, options) {
				const tx = down.transaction(stores, mode, options) as unknown as IDBTransaction;
				if (mode !== 'readwrite' || !stores.includes(kill.table)) return tx as never;
				const objectStore = tx.objectStore.bind(tx);
				let doomed: boolean | null = null;
				const fail = () => {
					doomed ??= kill.seen++ >= kill.after;
					if (doomed) throw new Error('killed halfway');
				};
				tx.objectStore = (name: string) => {
					const store = objectStore(name);
					if (name !== kill.table) return store;
					const put = store.put.bind(store);
					const add = store.add.bind(store);
					return Object.assign(store, {
						put: (...args: Parameters<IDBObjectStore['put']>) => (fail(), put(...args)),
						add: (...args: Parameters<IDBObjectStore['add']>) => (fail(), add(...args))
					});
				};
				return tx as never;
			}
		})
	};
	db.use(killer);
	return kill;
}
