import type { DB } from '../db';

/**
 * Failed sign-ins are counted in the database, not in memory, so the limit holds across
 * restarts and across several server instances (DESIGN.md §2: no state outside the database).
 */
export const loginLimits = {
	windowMs: 15 * 60_000,
	/** Ten wrong passwords for one account, then it waits: the 11th quick try gets 429. */
	perAccount: 10,
	/** Generous per address: a school or an office shares one. */
	perIp: 100
};

export interface LoginKeys {
	account: string;
	ip: string;
}

/** Seconds until another try is allowed, or 0 when one is allowed now. */
export async function loginRetryAfter(db: DB, keys: LoginKeys, now = Date.now()): Promise<number> {
	const since = now - loginLimits.windowMs;
	let waitMs = 0;
	for (const [kind, key, limit] of [
		['account', keys.account, loginLimits.perAccount],
		['ip', keys.ip, loginLimits.perIp]
	] as const) {
		const rows = await db
			.selectFrom('login_failures')
			.select('at')
			.where('kind', '=', kind)
			.where('key', '=', key)
			.where('at', '>', since)
			.orderBy('at', 'desc')
			.limit(limit)
			.execute();
		const oldestCounted = rows[limit - 1];
		if (oldestCounted)
			waitMs = Math.max(waitMs, Number(oldestCounted.at) + loginLimits.windowMs - now);
	}
	return Math.ceil(waitMs / 1000);
}

export async function recordLoginFailure(db: DB, keys: LoginKeys, now = Date.now()) {
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('login_failures')
			.values([
				{ kind: 'account', key: keys.account, at: now },
				{ kind: 'ip', key: keys.ip, at: now }
			])
			.execute();
		await tx
			.deleteFrom('login_failures')
			.where('at', '<=', now - loginLimits.windowMs)
			.execute();
	});
}

/** A correct password clears its account's count; the address's count stays. */
export async function clearAccountFailures(db: DB, account: string) {
	await db
		.deleteFrom('login_failures')
		.where('kind', '=', 'account')
		.where('key', '=', account)
		.execute();
}
