import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { deskSettings } from '../db/schema.js';
import { demoAgreement } from '../sla/index.js';

export const mailSettingsInput = z.object({
  /** null: the desk takes no e-mail. */
  inboundAddress: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'Adresse électronique invalide (ex. : guichet@region.fr).')
    .nullable(),
});

/** The desk's inbound address, for every person of the tenant: it is where they write. */
export async function getMailSettings(ctx: Ctx) {
  authorize(ctx.actor, 'ticket.read');
  const [row] = await ctx.db.select({ inboundAddress: deskSettings.inboundAddress }).from(deskSettings).where(eq(deskSettings.tenantId, ctx.actor.tenantId));
  return { inboundAddress: row?.inboundAddress ?? null };
}

/** Sets the desk's inbound address; two tenants never share one (mail would not know its desk). */
export async function setMailSettings(ctx: Ctx, raw: z.input<typeof mailSettingsInput>) {
  authorize(ctx.actor, 'desk.configure');
  const input = mailSettingsInput.parse(raw);
  const tenantId = ctx.actor.tenantId;
  if (input.inboundAddress) {
    const [taken] = await ctx.db
      .select({ tenantId: deskSettings.tenantId })
      .from(deskSettings)
      .where(and(sql`lower(${deskSettings.inboundAddress}) = ${input.inboundAddress}`, ne(deskSettings.tenantId, tenantId)));
    if (taken) throw new AppError('CONFLICT', 'Cette adresse est déjà celle du guichet d’une autre collectivité.');
  }
  await ctx.db
    .insert(deskSettings)
    .values({ tenantId, defaultAgreementId: demoAgreement.id, inboundAddress: input.inboundAddress })
    .onConflictDoUpdate({ target: deskSettings.tenantId, set: { inboundAddress: input.inboundAddress, version: sql`${deskSettings.version} + 1` } });
  return { inboundAddress: input.inboundAddress };
}

/** The demo's desk address (npm start): shown in the desk settings, reachable on the inbound port. */
export const demoInboundAddress = 'guichet@hautsdefrance.coherence.localhost';

export async function setDemoInboundAddress(ctx: Ctx, tenantId: string, address = demoInboundAddress): Promise<void> {
  await ctx.db.update(deskSettings).set({ inboundAddress: address }).where(eq(deskSettings.tenantId, tenantId));
}
