import { z } from 'zod';
import { emailField, mobileField, passwordField, usernameField } from './fields';

export const registerSchema = z.object({
  username: usernameField,
  email: emailField,
  mobile: mobileField,
  password: passwordField,
  displayName: z
    .string({ error: 'display name must be text' })
    .trim()
    .max(80, 'display name must be at most 80 characters')
    .optional(),
});

export type RegisterInput = z.output<typeof registerSchema>;

export const loginSchema = z.object({
  login: z
    .string({ error: 'login is required' })
    .trim()
    .min(1, 'login is required (username, email or mobile)')
    .max(254, 'login must be at most 254 characters'),
  // Length-capped so a megabyte "password" cannot make the slow hash a denial of service.
  password: z
    .string({ error: 'password is required' })
    .min(1, 'password is required')
    .max(128, 'password must be at most 128 characters'),
});

export type LoginInput = z.output<typeof loginSchema>;
