import { defineCache, type Caches } from '../../../server/platform/cache.js';
import type { Db } from '../../../server/platform/db.js';
import { prepared, runPrepared } from '../../../server/platform/prepared.js';

/** What a hot read needs to know of a school: to name it, order it by UAI and check an actor's scope. */
export interface DirectoryEntry {
  id: string;
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
  /** The school's place decides its public holidays (service-desk clocks). */
  departmentCode: string | null;
}

interface Directory {
  byId: Map<string, DirectoryEntry>;
  byUai: Map<string, DirectoryEntry>;
}

/** By tenant id; invalidated by the writes to schools (update, import) with the tenant as key. */
export const establishmentDirectoryCache = defineCache<Promise<Directory>>('establishment-directory', { max: 1_000, ttlMs: 30_000 });

/** What a directory read needs: the database and the process's caches (a Ctx fits). */
export interface DirectoryCtx {
  db: Db;
  cache: Caches;
}

const allOfTenant = prepared(
  'referentiel_directory',
  `select id, uai, name, unit_id as "unitId", academy_code as "academyCode", department_code as "departmentCode" from referentiel.establishments where tenant_id = $1`,
);

/**
 * A tenant's schools by id and by UAI, kept in the process's caches: a read that counts hundreds
 * of lines by school (« where is this software installed ») names and filters them here instead of
 * joining the table each time, and an inventory finds the school of its tag without a query.
 * Emptied in every process by the writes to schools (update, import); `refresh`: reload now (an id
 * not found, a school created since).
 */
export async function establishmentDirectory(ctx: DirectoryCtx, tenantId: string, options: { refresh?: boolean } = {}): Promise<Map<string, DirectoryEntry>> {
  return (await directoryOf(ctx, tenantId, options.refresh ?? false)).byId;
}

/**
 * The school of a UAI in the tenant's directory; null when the directory does not have it (the
 * caller asks the table then: a school created since, or a UAI of no school of the tenant).
 */
export async function directoryEntryOfUai(ctx: DirectoryCtx, tenantId: string, uai: string): Promise<DirectoryEntry | null> {
  return (await directoryOf(ctx, tenantId, false)).byUai.get(uai) ?? null;
}

function directoryOf(ctx: DirectoryCtx, tenantId: string, refresh: boolean): Promise<Directory> {
  const cache = ctx.cache.of(establishmentDirectoryCache);
  const load = () =>
    runPrepared<DirectoryEntry>(ctx.db, allOfTenant, [tenantId]).then((rows) => ({
      byId: new Map(rows.map((row) => [row.id, row])),
      byUai: new Map(rows.map((row) => [row.uai, row])),
    }));
  return refresh ? cache.refresh(tenantId, load) : cache.remember(tenantId, load);
}
