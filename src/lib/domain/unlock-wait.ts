/** Wrong passphrases allowed in a row before each further try must wait. */
export const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * How long the lock screen waits before the next try after `failures` wrong passphrases in a
 * row: nothing for the first five (a typo is not an attack), then 30 s, doubling each time, up
 * to 15 minutes. The wrapped key is on the disk, so this slows a person at the screen; what
 * slows an offline guesser is PBKDF2's 600,000 iterations per guess.
 */
export function unlockWaitMs(failures: number): number {
	if (failures < FREE_TRIES) return 0;
	return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/** The shortest passphrase accepted. */
export const MIN_PASSPHRASE = 8;
