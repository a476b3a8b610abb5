import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/*
 * How hard a password or passphrase is to guess, by zxcvbn (zxcvbn-ts): it knows the most
 * common passwords, keyboard patterns, repeats, sequences and dates, so "password1234" and
 * twelve spaces are refused however long they are (issue 12, finding 5). Pure: the server
 * checks new accounts with it; the device shows it as a hint when a passphrase is chosen. Import it
 * lazily on the device: its dictionaries are large.
 */

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordStrength {
	/** 0 (guessed at once) to 4 (very hard). */
	score: 0 | 1 | 2 | 3 | 4;
	ok: boolean;
	/** What is wrong and what to do, for people; null when ok. */
	problem: string | null;
	/** Why it is easy to guess, in a few plain words ("a single word is easy to guess"); null when ok. */
	reason: string | null;
}

/** zxcvbn's score in words, for the hint shown while a passphrase is typed. */
export const STRENGTH_WORDS = ['very weak', 'weak', 'fair', 'strong', 'very strong'] as const;

const ADVICE =
	'Use a longer passphrase: three or four unrelated words, or words mixed with numbers and symbols';

/** zxcvbn's warning keys, said plainly. */
const reasons: Record<string, string> = {
	topTen: 'it is one of the most used passwords',
	topHundred: 'it is one of the most used passwords',
	common: 'it is a commonly used password',
	similarToCommon: 'it is close to a commonly used password',
	wordByItself: 'a single word is easy to guess',
	namesByThemselves: 'a name on its own is easy to guess',
	commonNames: 'common names are easy to guess',
	userInputs: 'it contains your name or e-mail address',
	straightRow: 'it is a row of keys',
	keyPattern: 'it is a keyboard pattern',
	simpleRepeat: 'it repeats characters',
	extendedRepeat: 'it repeats a pattern',
	sequences: 'it is a sequence such as abc or 1234',
	recentYears: 'it contains a recent year',
	dates: 'it contains a date',
	pwned: 'it has appeared in a data breach'
};

let factory: ZxcvbnFactory | null = null;

/** The person's own words (e-mail, its local part, name and their pieces), which a password should not be built from. */
export function personalWords(person: { email: string; name: string }): string[] {
	const local = person.email.split('@')[0]!;
	const words = `${local} ${person.name}`.split(/[\s._+-]+/);
	return [person.email, local, person.name, ...words].filter(Boolean);
}

/**
 * The strength of `password`; `personal` holds words of the person's own (name, e-mail) that
 * make a password weaker when it contains them.
 */
export function passwordStrength(password: string, personal: string[] = []): PasswordStrength {
	factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
	// zxcvbn's time grows with length; past 100 characters a password is long enough anyway.
	const result = factory.check(password.slice(0, 100), personal.filter(Boolean));
	const ok = result.score >= MIN_PASSWORD_SCORE;
	const reason =
		reasons[result.feedback.warning ?? ''] ?? 'it follows a pattern that is easy to guess';
	return {
		score: result.score,
		ok,
		problem: ok ? null : `This password is too easy to guess: ${reason}. ${ADVICE}.`,
		reason: ok ? null : reason
	};
}
