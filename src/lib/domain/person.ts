import { z } from 'zod';
import { userSchema } from './user';

/**
 * A colleague as every signed-in user may see them (GET /api/people): enough to name who ticked
 * a step and to choose a new member, and no e-mail address.
 */
export const personSchema = userSchema.pick({ id: true, name: true, role: true });
export type Person = z.infer<typeof personSchema>;

export const peopleAnswerSchema = z.object({ people: z.array(personSchema) });
