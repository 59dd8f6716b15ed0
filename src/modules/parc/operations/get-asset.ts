import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assetEvents, assetMatches, assetSoftware, assets, software } from '../db/schema.js';
import { assetWhere } from './find-assets.js';

export const assetIdParams = z.object({ id: z.uuid() });

/** One device with its hardware, software and history, if the actor's scope reaches it. */
export async function getAsset(ctx: Ctx, input: { id: string }) {
  const where = and(assetWhere(ctx, { sort: 'name', order: 'asc' }), eq(assets.id, input.id));
  const [row] = await ctx.db
    .select({ asset: assets, uai: establishments.uai, establishmentName: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
    .from(assets)
    .leftJoin(establishments, and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId)))
    .where(where);
  if (!row) throw notFound('Équipement');
  const tenantId = row.asset.tenantId;
  const [installed, history, matches] = await Promise.all([
    ctx.db
      .select({ name: software.name, publisher: software.publisher, version: assetSoftware.version })
      .from(assetSoftware)
      .innerJoin(software, and(eq(software.tenantId, assetSoftware.tenantId), eq(software.id, assetSoftware.softwareId)))
      .where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, input.id)))
      .orderBy(asc(software.name)),
    ctx.db
      .select()
      .from(assetEvents)
      .where(and(eq(assetEvents.tenantId, tenantId), eq(assetEvents.assetId, input.id)))
      .orderBy(desc(assetEvents.at), desc(assetEvents.id))
      .limit(200),
    ctx.db
      .select()
      .from(assetMatches)
      .where(and(eq(assetMatches.tenantId, tenantId), eq(assetMatches.assetId, input.id)))
      .orderBy(desc(assetMatches.at)),
  ]);
  return { ...row, software: installed, history, matches };
}
