import { z } from 'zod';

/** POST /api/auth/password; schema-only: the account page's form validates with it (the policy is the operation's). */
export const changePasswordInput = z.object({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
