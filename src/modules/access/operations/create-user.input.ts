import { z } from 'zod';

/** A new account's identity; schema-only (zod): the web's « add a person » form validates with it. */
export const createUserInput = z.object({
  email: z.email().trim().toLowerCase().max(320),
  displayName: z.string().trim().min(1, 'Le nom est obligatoire.').max(200, 'Au plus 200 caractères.'),
  password: z.string().max(1024).optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;
