import { apiTokens } from '../../modules/access/db/schema.js';
import { assignRole, createUser } from '../../modules/access/index.js';
import type { TestApp } from '../app.js';
import { unique, type Caller } from '../authz-matrix.js';

/** People, roles and API tokens: who may do what in the matrix (see authz-matrix.ts for the rules), and the records of A it needs. */

/** Who reads people and their roles (user.read). */
export const userReaders: readonly Caller[] = ['authority-admin', 'steering', 'auditor'];

/** A person with one auditor role in A only (so A may disable them), made for one call. */
export async function newUserOfA(t: TestApp) {
  const email = `${unique('personne')}@essai.coherence.fr`;
  const user = await createUser(t.ctx, { tenantId: t.ids.a.tenantId, email, displayName: `Personne ${email}` });
  const assignment = await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: t.ids.a.tenantId, role: 'auditor', unitIds: [] });
  return { user, assignment, email };
}

export async function newTokenOfA(t: TestApp) {
  const [token] = await t.ctx.db
    .insert(apiTokens)
    .values({
      tenantId: t.ids.a.tenantId,
      name: unique('Jeton matrice'),
      tokenHash: unique('empreinte'),
      role: 'auditor',
      access: 'read',
      createdBy: t.ids.users['authority-admin'].id,
    })
    .returning();
  return token;
}
