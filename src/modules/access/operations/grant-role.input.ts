import { z } from 'zod';
import { roleScopeInput } from './assign-role.input.js';

/** POST /api/users/{id}/roles; schema-only, the web's « add a role » form validates with it. */
export const grantRoleInput = roleScopeInput.extend({ organizationId: z.uuid().optional() });
export type GrantRoleInput = z.input<typeof grantRoleInput>;
