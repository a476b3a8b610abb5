import type { z } from 'zod';
import { passwordStrength, personalWords } from '$lib/domain/password-strength';

/**
 * Refuses a new account's password that is easy to guess (zxcvbn below 3), naming what to do
 * (issue 12, finding 5). A refinement, so the 400 lists it under `fields.password`; the
 * person's own name and e-mail count against a password that contains them.
 */
export function refuseWeakPassword(
	account: { password: string; email: string; name: string },
	ctx: z.RefinementCtx
) {
	const strength = passwordStrength(account.password, personalWords(account));
	if (strength.problem)
		ctx.addIssue({ code: 'custom', path: ['password'], message: strength.problem });
}
