import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { linkSettings } from '../db/schema.js';
import { linkSettingsInput } from './link.input.js';

export { linkSettingsInput };

/** The seed's group returned half of each site's saving to the school. */
export const defaultSchoolSharePercent = 50;

export async function schoolSharePercentOf(db: Db, tenantId: string): Promise<number> {
  const [row] = await db.select().from(linkSettings).where(eq(linkSettings.tenantId, tenantId));
  return row?.schoolSharePercent ?? defaultSchoolSharePercent;
}

export async function getLinkSettings(ctx: Ctx) {
  authorize(ctx.actor, 'link.read');
  return { schoolSharePercent: await schoolSharePercentOf(ctx.db, ctx.actor.tenantId) };
}

export async function updateLinkSettings(ctx: Ctx, input: { schoolSharePercent: number }) {
  authorize(ctx.actor, 'link.manage');
  const tenantId = ctx.actor.tenantId;
  const before = await schoolSharePercentOf(ctx.db, tenantId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(linkSettings)
      .values({ tenantId, schoolSharePercent: input.schoolSharePercent, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: linkSettings.tenantId, set: { schoolSharePercent: input.schoolSharePercent, updatedAt: ctx.now() } });
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'link_settings', entityId: tenantId, before: { schoolSharePercent: before }, after: input }]);
  });
  return { schoolSharePercent: input.schoolSharePercent };
}
