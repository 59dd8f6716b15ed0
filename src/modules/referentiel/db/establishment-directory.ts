import type { Db } from '../../../server/platform/db.js';
import { prepared, runPrepared } from '../../../server/platform/prepared.js';

/** What a hot read needs to know of a school: to name it, order it by UAI and check an actor's scope. */
export interface DirectoryEntry {
  id: string;
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
}

const lifetimeMs = 30_000;

interface Directory {
  byId: Map<string, DirectoryEntry>;
  byUai: Map<string, DirectoryEntry>;
}
const directories = new Map<string, { expiresAt: number; directory: Promise<Directory> }>();

const allOfTenant = prepared(
  'referentiel_directory',
  `select id, uai, name, unit_id as "unitId", academy_code as "academyCode" from referentiel.establishments where tenant_id = $1`,
);

/**
 * A tenant's schools by id and by UAI, kept 30 seconds in this process: a read that counts hundreds
 * of lines by school (« where is this software installed ») names and filters them here instead of
 * joining the table each time, and an inventory finds the school of its tag without a query. Emptied by this process's writes to schools (update, import); another
 * process sees a change within the 30 seconds. `refresh`: reload now (an id not found, a school
 * created since).
 */
export async function establishmentDirectory(db: Db, tenantId: string, options: { refresh?: boolean } = {}): Promise<Map<string, DirectoryEntry>> {
  return (await directoryOf(db, tenantId, options.refresh ?? false)).byId;
}

/**
 * The school of a UAI in the tenant's directory; null when the directory does not have it (the
 * caller asks the table then: a school created since, or a UAI of no school of the tenant).
 */
export async function directoryEntryOfUai(db: Db, tenantId: string, uai: string): Promise<DirectoryEntry | null> {
  return (await directoryOf(db, tenantId, false)).byUai.get(uai) ?? null;
}

function directoryOf(db: Db, tenantId: string, refresh: boolean): Promise<Directory> {
  const now = Date.now();
  const kept = directories.get(tenantId);
  if (kept && kept.expiresAt > now && !refresh) return kept.directory;
  const directory = runPrepared<DirectoryEntry>(db, allOfTenant, [tenantId]).then((rows) => ({
    byId: new Map(rows.map((row) => [row.id, row])),
    byUai: new Map(rows.map((row) => [row.uai, row])),
  }));
  directories.set(tenantId, { expiresAt: now + lifetimeMs, directory });
  directory.catch(() => directories.delete(tenantId));
  return directory;
}

export function forgetEstablishmentDirectory(tenantId?: string) {
  if (tenantId === undefined) directories.clear();
  else directories.delete(tenantId);
}
