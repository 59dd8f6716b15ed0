import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { assets } from '../db/schema.js';
import { isoDate } from '../lifecycle/device-lifecycle.js';
import { computerClasses, mobileClasses, usableStatuses } from '../lifecycle/fleet-sets.js';
import { classInSql, inFleetSql, renewalYearSql, statusInSql, warrantySql } from '../lifecycle/lifecycle-sql.js';
import { fleetSettings } from './fleet-scope.js';

export const fleetEstablishmentSorts = ['name', 'uai', 'pupilsPerComputer', 'devices', 'outOfWarranty', 'dueThisYear'] as const;

export const fleetEstablishmentsInput = z.object({
  /** Only schools with devices of this system: "windows" finds "Windows", "Microsoft Windows 10 Pro". */
  osName: z.string().trim().min(1).max(100).optional(),
  /**
   * With osName: the release, as the ingestion normalises it (os-release.ts): "10" finds Windows 10
   * and not Windows 11 (kernel 10.0.22xxx, stored as "11"); "22" finds Ubuntu "22.04".
   */
  osVersion: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(fleetEstablishmentSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const likeTerm = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The fleet of every school the actor reaches, one line each: devices, usable computers and
 * tablets, pupils per computer, devices out of warranty and due for renewal this year. With an
 * operating system, only the schools that still run it ("which schools still run Windows 10").
 */
export async function findFleetEstablishments(ctx: Ctx, input: z.infer<typeof fleetEstablishmentsInput>) {
  authorize(ctx.actor, 'asset.read');
  const tenantId = ctx.actor.tenantId;
  const { expectedLife } = await fleetSettings(ctx.db, tenantId);
  const now = ctx.now();
  const today = isoDate(now);
  const usable = statusInSql(usableStatuses);
  const osMatch: SQL = input.osName
    ? and(
        sql`${assets.osName} ilike ${`%${likeTerm(input.osName)}%`}`,
        // the release itself or one of its point releases, never a longer number ("1" is not "11")
        input.osVersion
          ? sql`(${assets.osVersion} ilike ${likeTerm(input.osVersion)} or ${assets.osVersion} ilike ${`${likeTerm(input.osVersion)}.%`})`
          : undefined,
      )!
    : sql`false`;

  const perSchool = ctx.db
    .select({
      establishmentId: assets.establishmentId,
      devices: sql<number>`count(*) filter (where ${inFleetSql})`.as('devices'),
      computers: sql<number>`count(*) filter (where ${usable} and ${classInSql(computerClasses)})`.as('computers'),
      tablets: sql<number>`count(*) filter (where ${usable} and ${classInSql(mobileClasses)})`.as('tablets'),
      outOfWarranty: sql<number>`count(*) filter (where ${inFleetSql} and ${warrantySql(today)} = 'expired')`.as('out_of_warranty'),
      dueThisYear: sql<number>`count(*) filter (where ${inFleetSql} and ${renewalYearSql(expectedLife)} <= ${now.getUTCFullYear()})`.as('due_this_year'),
      osDevices: sql<number>`count(*) filter (where ${inFleetSql} and ${osMatch})`.as('os_devices'),
    })
    .from(assets)
    .where(and(eq(assets.tenantId, tenantId), sql`${assets.establishmentId} is not null`))
    .groupBy(assets.establishmentId)
    .as('per_school');

  const zero = (column: unknown) => sql<number>`coalesce(${column}, 0)`.mapWith(Number);
  const ratio = sql`(${establishments.pupils}::numeric / nullif(${perSchool.computers}, 0))`;
  const sortColumn: Record<(typeof fleetEstablishmentSorts)[number], SQL> = {
    name: sql`${establishments.name}`,
    uai: sql`${establishments.uai}`,
    pupilsPerComputer: ratio,
    devices: sql`coalesce(${perSchool.devices}, 0)`,
    outOfWarranty: sql`coalesce(${perSchool.outOfWarranty}, 0)`,
    dueThisYear: sql`coalesce(${perSchool.dueThisYear}, 0)`,
  };
  const direction = input.order === 'desc' ? desc : asc;
  const inScope = and(eq(establishments.tenantId, tenantId), establishmentScopeWhere(establishmentScope(ctx.actor, 'asset.read')));
  const where = input.osName ? and(inScope, sql`${perSchool.osDevices} > 0`) : inScope;
  const counted = ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(establishments);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        uai: establishments.uai,
        name: establishments.name,
        pupils: establishments.pupils,
        devices: zero(perSchool.devices),
        computers: zero(perSchool.computers),
        tablets: zero(perSchool.tablets),
        outOfWarranty: zero(perSchool.outOfWarranty),
        dueThisYear: zero(perSchool.dueThisYear),
        osDevices: zero(perSchool.osDevices),
      })
      .from(establishments)
      .leftJoin(perSchool, eq(perSchool.establishmentId, establishments.id))
      .where(where)
      .orderBy(sql`${direction(sortColumn[input.sort])} nulls last`, asc(establishments.uai))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    // without a system to look for, counting schools needs no device
    input.osName ? counted.leftJoin(perSchool, eq(perSchool.establishmentId, establishments.id)).where(where) : counted.where(where),
  ]);
  return { items, total, osFilter: input.osName ? { name: input.osName, version: input.osVersion ?? null } : null };
}
