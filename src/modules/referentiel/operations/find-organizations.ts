import { eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { organizations, partnerships } from '../db/schema.js';

/** The active tenant's own organization first, then its partners. */
export async function findOrganizations(ctx: Ctx) {
  authorize(ctx.actor, 'organization.read');
  const tenantId = ctx.actor.tenantId;
  const links = await ctx.db.select().from(partnerships).where(eq(partnerships.tenantId, tenantId));
  const ids = [tenantId, ...links.map((l) => l.partnerId)];
  const orgs = await ctx.db.select().from(organizations).where(inArray(organizations.tenantId, ids));
  const rank = (id: string) => (id === tenantId ? 0 : 1);
  return orgs
    .sort((a, b) => rank(a.tenantId) - rank(b.tenantId) || a.name.localeCompare(b.name, 'fr'))
    .map((o) => ({ organization: o, relation: o.tenantId === tenantId ? 'self' : (links.find((l) => l.partnerId === o.tenantId)?.role ?? 'partner') }));
}
