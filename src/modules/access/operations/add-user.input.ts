import { z } from 'zod';
import { roleScopeInput } from './assign-role.input.js';
import { createUserInput } from './create-user.input.js';

/** POST /api/users: the person and their first role; schema-only, the web's form validates with it. */
export const addUserInput = createUserInput.extend(roleScopeInput.shape).extend({
  /** On whose behalf the role is held: the tenant itself by default, or one of its partners. */
  organizationId: z.uuid().optional(),
});
export type AddUserInput = z.input<typeof addUserInput>;
