import type { DemoSeed } from '../../../server/platform/module.js';
import { assignRole } from '../operations/assign-role.js';
import { createUser } from '../operations/create-user.js';
import { demoAccounts } from './demo-accounts.js';

/** What the référentiel's demo left (its ReferentielDemo), as far as the accounts need it. */
interface Places {
  sectors: string[];
  firstLycee: string;
}

/** One account per demo role (demo-accounts.ts), placed in the sectors and the lycée the référentiel's demo made. */
export async function seedAccessDemo(seed: DemoSeed): Promise<void> {
  const { ctx, tenants, password } = seed;
  const places = seed.shared.get('referentiel') as Places | undefined;
  if (!places) throw new Error('La démo des accès suit celle du référentiel.');
  for (const account of demoAccounts) {
    const orgId = tenants.get(account.organization)!;
    const user = await createUser(ctx, { tenantId: orgId, email: account.email, displayName: account.displayName, password });
    for (const tenant of account.tenants ?? [account.organization]) {
      await assignRole(ctx, {
      tenantId: tenants.get(tenant)!,
        userId: user.id,
        organizationId: orgId,
        role: account.role,
        establishmentId: account.establishment ? places.firstLycee : null,
        staffFunction: account.establishment ? 'digital-referent' : null,
        unitIds: account.units === 'first-sector' ? [places.sectors[0]] : account.units === 'second-sector' ? [places.sectors[1]] : [],
        level: account.level ?? null,
      });
    }
  }
}
