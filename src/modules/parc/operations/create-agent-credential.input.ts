import { z } from 'zod';

/**
 * HTTP Basic credentials configured in a tenant's agents. The user name starts with the tenant's
 * code (that is how the agent endpoint finds the tenant before checking the password):
 * "hauts-de-france" or "hauts-de-france/lycees-nord".
 * Schema-only (zod): the web's form validates with it.
 */
export const createAgentCredentialInput = z.object({
  username: z.string().trim().min(1).max(120, 'Au plus 120 caractères.'),
  label: z.string().trim().min(1, 'Donnez un libellé (à quoi servent ces identifiants).').max(200, 'Au plus 200 caractères.'),
  /** At least 12 characters of three kinds; when absent a random one is generated. Returned once. */
  password: z.string().min(1).max(200).optional(),
});
export type CreateAgentCredentialInput = z.infer<typeof createAgentCredentialInput>;
