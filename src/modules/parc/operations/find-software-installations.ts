import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assetSoftware, assets, software } from '../db/schema.js';
import { establishmentJoin, fleetScope } from './fleet-scope.js';

export const softwareIdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const softwareInstallationsInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

/** Up to this many installations tenant-wide, every line is read once and counted here; beyond, the database groups. */
export const smallInstallBase = 500;

interface InstallLine {
  id: string;
  name: string | null;
  serial: string | null;
  assetClass: string;
  status: string;
  version: string;
  lastInventoryAt: Date | null;
  uai: string | null;
  establishmentName: string | null;
}

const lineColumns = {
  id: assets.id,
  name: assets.name,
  serial: assets.serial,
  assetClass: assets.assetClass,
  status: assets.status,
  version: assetSoftware.version,
  lastInventoryAt: assets.lastInventoryAt,
  uai: establishments.uai,
  establishmentName: establishments.name,
};

/**
 * Where one software is installed, among the devices the actor may see: the schools and how many
 * devices each, the versions, and the devices themselves a page at a time (by school, then name).
 * Most products of a fleet are on a few hundred devices: their lines are read in one query; a
 * product on thousands of devices is grouped and paged by the database.
 */
export async function findSoftwareInstallations(
  ctx: Ctx,
  input: { id: number } & z.infer<typeof softwareInstallationsInput>,
  options: { smallInstallBase: number } = { smallInstallBase },
) {
  const scope = await fleetScope(ctx, input.uai);
  const [product] = await ctx.db
    .select({
      id: software.id,
      name: software.name,
      publisher: software.publisher,
      // parameters, not column references: drizzle writes columns unqualified in a one-table select
      installBase: sql<number>`(select count(*) from parc.asset_software x where x.tenant_id = ${scope.tenantId} and x.software_id = ${input.id})`.mapWith(Number),
    })
    .from(software)
    .where(and(eq(software.tenantId, scope.tenantId), eq(software.id, input.id)));
  if (!product) throw notFound('Logiciel');

  const where = and(eq(assetSoftware.tenantId, scope.tenantId), eq(assetSoftware.softwareId, input.id), scope.where)!;
  const found = product.installBase <= options.smallInstallBase ? await summariseHere(ctx, where, input) : await summariseInDatabase(ctx, where, input);
  const { installBase: _, ...softwareFields } = product;
  return { software: softwareFields, ...found, establishment: scope.establishment };
}

const joined = (ctx: Ctx) =>
  ctx.db
    .select(lineColumns)
    .from(assetSoftware)
    .innerJoin(assets, and(eq(assets.tenantId, assetSoftware.tenantId), eq(assets.id, assetSoftware.assetId)))
    .leftJoin(establishments, establishmentJoin);

const byDevicesThen = <T extends { devices: number }>(key: (x: T) => string) => (a: T, b: T) => b.devices - a.devices || key(a).localeCompare(key(b));

async function summariseHere(ctx: Ctx, where: SQL, input: { page: number; pageSize: number }) {
  const lines: InstallLine[] = await joined(ctx).where(where);
  const devices = (list: InstallLine[]) => new Set(list.map((l) => l.id)).size;
  const groupBy = (key: (l: InstallLine) => string) => {
    const groups = new Map<string, InstallLine[]>();
    for (const l of lines) {
      const group = groups.get(key(l));
      if (group) group.push(l);
      else groups.set(key(l), [l]);
    }
    return [...groups.values()];
  };
  const bySchool = groupBy((l) => l.uai ?? '')
    .map((g) => ({ uai: g[0].uai, establishmentName: g[0].establishmentName, devices: devices(g) }))
    .sort(byDevicesThen((e) => e.uai ?? '\uffff'));
  const versions = groupBy((l) => l.version)
    .map((g) => ({ version: g[0].version, devices: devices(g) }))
    .sort(byDevicesThen((v) => v.version));
  const ordered = [...lines].sort(
    (a, b) =>
      (a.uai ?? '\uffff').localeCompare(b.uai ?? '\uffff') ||
      (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') ||
      a.id.localeCompare(b.id) ||
      a.version.localeCompare(b.version),
  );
  const start = (input.page - 1) * input.pageSize;
  return { devices: devices(lines), installations: lines.length, establishments: bySchool, versions, items: ordered.slice(start, start + input.pageSize) };
}

async function summariseInDatabase(ctx: Ctx, where: SQL, input: { page: number; pageSize: number }) {
  const [grouped, page] = await Promise.all([
    ctx.db
      .select({
        gEstablishment: sql<number>`grouping(${establishments.uai})`.mapWith(Number),
        gVersion: sql<number>`grouping(${assetSoftware.version})`.mapWith(Number),
        uai: establishments.uai,
        establishmentName: establishments.name,
        version: assetSoftware.version,
        devices: sql<number>`count(distinct ${assets.id})`.mapWith(Number),
        installations: sql<number>`count(*)`.mapWith(Number),
      })
      .from(assetSoftware)
      .innerJoin(assets, and(eq(assets.tenantId, assetSoftware.tenantId), eq(assets.id, assetSoftware.assetId)))
      .leftJoin(establishments, establishmentJoin)
      .where(where)
      .groupBy(sql`grouping sets ((${establishments.uai}, ${establishments.name}), (${assetSoftware.version}), ())`),
    joined(ctx)
      .where(where)
      .orderBy(sql`${establishments.uai} asc nulls last`, asc(assets.name), asc(assets.id), asc(assetSoftware.version))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
  ]);
  const all = grouped.find((g) => g.gEstablishment && g.gVersion);
  return {
    devices: all?.devices ?? 0,
    // a device with two versions of the software is one device and two installations (two lines of the pages)
    installations: all?.installations ?? 0,
    establishments: grouped
      .filter((g) => !g.gEstablishment)
      .map((g) => ({ uai: g.uai, establishmentName: g.establishmentName, devices: g.devices }))
      .sort(byDevicesThen((e) => e.uai ?? '\uffff')),
    versions: grouped
      .filter((g) => !g.gVersion && g.gEstablishment)
      .map((g) => ({ version: g.version, devices: g.devices }))
      .sort(byDevicesThen((v) => v.version)),
    items: page as InstallLine[],
  };
}
