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
const directories = new Map<string, { expiresAt: number; byId: Promise<Map<string, DirectoryEntry>> }>();

const allOfTenant = prepared(
  'referentiel_directory',
  `select id, uai, name, unit_id as "unitId", academy_code as "academyCode" from referentiel.establishments where tenant_id = $1`,
);

/**
 * A tenant's schools by id, kept 30 seconds in this process: a read that counts hundreds of lines
 * by school (« where is this software installed ») names and filters them here instead of joining
 * the table each time. Emptied by this process's writes to schools (update, import); another
 * process sees a change within the 30 seconds. `refresh`: reload now (an id not found, a school
 * created since).
 */
export function establishmentDirectory(db: Db, tenantId: string, options: { refresh?: boolean } = {}): Promise<Map<string, DirectoryEntry>> {
  const now = Date.now();
  const kept = directories.get(tenantId);
  if (kept && kept.expiresAt > now && !options.refresh) return kept.byId;
  const byId = runPrepared<DirectoryEntry>(db, allOfTenant, [tenantId]).then((rows) => new Map(rows.map((row) => [row.id, row])));
  directories.set(tenantId, { expiresAt: now + lifetimeMs, byId });
  byId.catch(() => directories.delete(tenantId));
  return byId;
}

export function forgetEstablishmentDirectory(tenantId?: string) {
  if (tenantId === undefined) directories.clear();
  else directories.delete(tenantId);
}
