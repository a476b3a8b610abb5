import { hash, verify } from '@node-rs/argon2';

// OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane. `Algorithm` is a const enum in the
// package's types and absent at run time, so its value is written out: 2 = Argon2id.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false; // a malformed stored hash never signs anyone in
	}
}

let dummy: Promise<string> | null = null;

/** Spends the same time as a real check, so a response does not tell whether an e-mail exists. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummy ??= hashPassword('not-a-real-password-' + Math.random());
	await verifyPassword(await dummy, password);
	return false;
}
