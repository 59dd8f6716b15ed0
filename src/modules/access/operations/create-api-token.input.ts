import { z } from 'zod';
import { roleScopeInput } from './assign-role.input.js';

export const tokenAccessLevels = ['read', 'write'] as const;

/** POST /api/tokens; schema-only (zod and src/shared), the web's token form validates with it. */
export const createApiTokenInput = roleScopeInput.omit({ level: true, staffFunction: true }).extend({
  name: z.string().trim().min(2, 'Au moins 2 caractères.').max(100, 'Au plus 100 caractères.'),
  access: z.enum(tokenAccessLevels),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;
