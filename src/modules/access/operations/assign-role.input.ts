import { z } from 'zod';
import { roles, staffFunctions } from '../../../shared/roles.js';

/**
 * What a role is and where it applies, without the person: shared by assignments and API tokens.
 * Schema-only (zod and src/shared): the web's user and token forms validate with it.
 */
export const roleScopeInput = z.object({
  role: z.enum(roles, 'Choisissez un rôle.'),
  establishmentId: z.uuid('Choisissez un établissement.').nullable().optional(),
  staffFunction: z.enum(staffFunctions).nullable().optional(),
  unitIds: z.array(z.uuid()).max(100).default([]),
  level: z.number().int().min(0).max(3).nullable().optional(),
});

export const assignRoleInput = roleScopeInput.extend({
  userId: z.uuid(),
  organizationId: z.uuid(),
});
export type AssignRoleInput = z.input<typeof assignRoleInput>;
