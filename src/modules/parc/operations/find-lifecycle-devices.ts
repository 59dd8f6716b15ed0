import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { assetClasses } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { deviceLifecycle, isoDate } from '../lifecycle/device-lifecycle.js';
import { inFleetSql, renewalYearSql, warrantySql } from '../lifecycle/lifecycle-sql.js';
import { establishmentJoin, fleetScope, fleetSettings } from './fleet-scope.js';

export const lifecycleDevicesInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  class: z.enum(assetClasses).optional(),
  /** Devices whose renewal year is this one or earlier. */
  dueBy: z.coerce.number().int().min(2000).max(2100).optional(),
  warranty: z.enum(['covered', 'expired', 'unknown']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

export type LifecycleFilters = Omit<z.infer<typeof lifecycleDevicesInput>, 'page' | 'pageSize'>;

/**
 * The devices of the lifecycle list and their order, the soonest to renew first, devices of unknown
 * age last: shared by the list (one page) and its export (every row).
 */
export async function lifecycleSelection(ctx: Ctx, input: LifecycleFilters) {
  const scope = await fleetScope(ctx, input.uai);
  const { expectedLife } = await fleetSettings(ctx.db, scope.tenantId);
  const now = ctx.now();
  const today = isoDate(now);
  const renewal = renewalYearSql(expectedLife);
  const where = and(
    scope.where,
    inFleetSql,
    input.class ? eq(assets.assetClass, input.class) : undefined,
    input.dueBy ? sql`${renewal} <= ${input.dueBy}` : undefined,
    input.warranty ? sql`${warrantySql(today)} = ${input.warranty}` : undefined,
  );
  const rows = () =>
    ctx.db
      .select({
        id: assets.id,
        name: assets.name,
        serial: assets.serial,
        assetClass: assets.assetClass,
        status: assets.status,
        purchaseDate: assets.purchaseDate,
        firstInventoryAt: assets.firstInventoryAt,
        warrantyEnd: assets.warrantyEnd,
        uai: establishments.uai,
        establishmentName: establishments.name,
      })
      .from(assets)
      .leftJoin(establishments, establishmentJoin)
      .where(where)
      .orderBy(sql`${renewal} asc nulls last`, asc(assets.name), asc(assets.id));
  return { where, rows, expectedLife, now };
}

/**
 * Age, expected life, renewal year and warranty of every device of the fleet (ordered, retired and
 * lost ones left out), the soonest to renew first; devices of unknown age come last.
 */
export async function findLifecycleDevices(ctx: Ctx, input: z.infer<typeof lifecycleDevicesInput>) {
  const { where, rows: selectRows, expectedLife, now } = await lifecycleSelection(ctx, input);
  const [rows, [{ total }]] = await Promise.all([
    selectRows()
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(assets).leftJoin(establishments, establishmentJoin).where(where),
  ]);
  const items = rows.map((row) => ({ ...row, lifecycle: deviceLifecycle(row, expectedLife, now) }));
  return { items, total, expectedLife };
}
