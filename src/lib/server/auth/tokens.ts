import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for session cookies and one-time setup links. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only hashes of tokens are stored, so a copy of the database grants nothing. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
