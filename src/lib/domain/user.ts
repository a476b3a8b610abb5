import { z } from 'zod';
import { label, userIdSchema } from './common';
import { roles } from './user-shape';

export { roles };
export const roleSchema = z
	.enum(roles)
	.describe('admin manages accounts; advisor audits; viewer reads the audits they belong to');
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email('Enter a valid email address').max(254));

/** The public view of an account, as the API returns it (DESIGN.md §6). */
export const userSchema = z.object({
	id: userIdSchema,
	email: z.string(),
	name: z.string(),
	role: roleSchema
});
export type User = z.infer<typeof userSchema>;

export const passwordSchema = z
	.string()
	.min(12, 'At least 12 characters')
	.max(256, 'At most 256 characters');

export const newUserSchema = z.object({
	email: emailSchema,
	name: label(120),
	password: passwordSchema,
	role: roleSchema
});
export type NewUser = z.infer<typeof newUserSchema>;

export const loginSchema = z.object({
	email: emailSchema,
	password: z.string().min(1, 'Required').max(256)
});

export const roleLabels: Record<Role, string> = {
	admin: 'Administrator',
	advisor: 'Advisor',
	viewer: 'Viewer'
};
