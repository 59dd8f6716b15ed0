import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { assetSoftware, assets, software } from '../db/schema.js';
import { establishmentJoin } from './fleet-scope.js';
import { assetWhere } from './find-assets.js';

export const findSoftwareInput = z.object({
  search: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

/**
 * The publisher most installations report (ties: the first by name); installations written before
 * publishers were kept per installation have none and leave the catalogue's.
 */
export const mostReported = sql<string | null>`mode() within group (order by ${assetSoftware.publisher})`;

const likeTerm = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The software catalogue of the fleet, by name, with how many devices the actor may see have each.
 * A tenant-wide role sees the whole catalogue (installations counted per page of it); a narrower
 * one sees only software installed on devices of its schools.
 */
export async function findSoftware(ctx: Ctx, input: z.infer<typeof findSoftwareInput>) {
  authorize(ctx.actor, 'asset.read');
  const tenantId = ctx.actor.tenantId;
  const search: SQL | undefined = input.search
    ? or(ilike(software.name, `%${likeTerm(input.search)}%`), ilike(software.publisher, `%${likeTerm(input.search)}%`))
    : undefined;
  const offset = (input.page - 1) * input.pageSize;
  if (establishmentScope(ctx.actor, 'asset.read').all) {
    const where = and(eq(software.tenantId, tenantId), search);
    const [page, [{ total }]] = await Promise.all([
      ctx.db
        .select({ id: software.id, name: software.name, publisher: software.publisher })
        .from(software)
        .where(where)
        .orderBy(asc(software.name), asc(software.id))
        .limit(input.pageSize)
        .offset(offset),
      ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(software).where(where),
    ]);
    const counts = page.length
      ? await ctx.db
          .select({
            softwareId: assetSoftware.softwareId,
            devices: sql<number>`count(distinct ${assetSoftware.assetId})`.mapWith(Number),
            versions: sql<number>`count(distinct ${assetSoftware.version})`.mapWith(Number),
            publisher: mostReported,
          })
          .from(assetSoftware)
          .where(and(eq(assetSoftware.tenantId, tenantId), inArray(assetSoftware.softwareId, page.map((s) => s.id))))
          .groupBy(assetSoftware.softwareId)
      : [];
    const byId = new Map(counts.map((c) => [c.softwareId, c]));
    return {
      items: page.map((s) => ({ ...s, publisher: byId.get(s.id)?.publisher ?? s.publisher, devices: byId.get(s.id)?.devices ?? 0, versions: byId.get(s.id)?.versions ?? 0 })),
      total,
    };
  }
  const installed = ctx.db
    .select({
      softwareId: sql<number>`${assetSoftware.softwareId}`.as('software_id'),
      devices: sql<number>`count(distinct ${assetSoftware.assetId})`.as('devices'),
      versions: sql<number>`count(distinct ${assetSoftware.version})`.as('versions'),
      reportedPublisher: sql<string | null>`${mostReported}`.as('reported_publisher'),
    })
    .from(assetSoftware)
    .innerJoin(assets, and(eq(assets.tenantId, assetSoftware.tenantId), eq(assets.id, assetSoftware.assetId)))
    .leftJoin(establishments, establishmentJoin)
    .where(and(eq(assetSoftware.tenantId, tenantId), assetWhere(ctx, { sort: 'name', order: 'asc' })))
    .groupBy(assetSoftware.softwareId)
    .as('installed');
  const where = and(eq(software.tenantId, tenantId), search);
  const join = eq(installed.softwareId, software.id);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: software.id,
        name: software.name,
        publisher: sql<string | null>`coalesce(${installed.reportedPublisher}, ${software.publisher})`,
        devices: sql<number>`${installed.devices}`.mapWith(Number),
        versions: sql<number>`${installed.versions}`.mapWith(Number),
      })
      .from(software)
      .innerJoin(installed, join)
      .where(where)
      .orderBy(asc(software.name), asc(software.id))
      .limit(input.pageSize)
      .offset(offset),
    ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(software).innerJoin(installed, join).where(where),
  ]);
  return { items, total };
}
