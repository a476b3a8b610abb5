import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../src/lib/domain/password-strength';

describe('password strength', () => {
	it('refuses common passwords and passwords without variety, saying what to do', () => {
		for (const weak of [
			'password1234',
			' '.repeat(12),
			'qwertyuiopas',
			'abcdefghijkl',
			'iloveyou2024'
		]) {
			const strength = passwordStrength(weak);
			expect(strength.ok, weak).toBe(false);
			expect(strength.problem, weak).toMatch(/too easy to guess: .+\. Use a longer passphrase/);
		}
		expect(passwordStrength('password1234').problem).toContain('close to a commonly used password');
		expect(passwordStrength(' '.repeat(12)).problem).toContain('repeats characters');
		// The device's passphrase hint says the reason alone.
		expect(passwordStrength('password1234').reason).toBe('it is close to a commonly used password');
	});

	it('refuses one built from the person’s own name or e-mail', () => {
		expect(passwordStrength('margaretthatcher', ['margaret.thatcher@school.org']).ok).toBe(false);
	});

	it('accepts passphrases of unrelated words', () => {
		for (const strong of [
			'correct horse battery',
			'kettle orbit lantern',
			'a long enough password'
		]) {
			expect(passwordStrength(strong)).toEqual({
				score: expect.any(Number),
				ok: true,
				problem: null,
				reason: null
			});
		}
	});
});
