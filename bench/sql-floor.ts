import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/platform/db.js';

const columns =
  'uai, name, nature_code, nature_label, sector, contract_type, academy_code, academy_name, department_code, commune_code, commune_name, postal_code, address, latitude, longitude, pupils, priority_education, tracks, is_open, phone, email, search_text, source_hash';

/**
 * What the database alone must do for an import, without any JS: copy a tenant's rows to a new
 * tenant (same indexes, trigram GIN included) and write one audit row each, in one transaction
 * rolled back. The import cannot go below this.
 */
export async function sqlFloor(database: Database, fromTenant: string): Promise<number> {
  const tenantId = randomUUID();
  await database.db.execute(sql`INSERT INTO referentiel.organizations (tenant_id, code, kind, name) VALUES (${tenantId}::uuid, ${`floor-${tenantId}`}, 'region', 'Plancher')`);
  await database.db.execute(sql`CREATE TEMP TABLE IF NOT EXISTS floor_rows AS SELECT ${sql.raw(columns)} FROM referentiel.establishments WHERE tenant_id = ${fromTenant}::uuid`);
  const start = performance.now();
  await database.db
    .transaction(async (tx) => {
      await tx.execute(sql`
        WITH inserted AS (
          INSERT INTO referentiel.establishments (tenant_id, ${sql.raw(columns)})
          SELECT ${tenantId}::uuid, ${sql.raw(columns)} FROM floor_rows
          RETURNING id, jsonb_build_object('uai', uai, 'name', name, 'natureCode', nature_code, 'natureLabel', nature_label, 'sector', sector,
            'contractType', contract_type, 'academyCode', academy_code, 'academyName', academy_name, 'departmentCode', department_code,
            'communeCode', commune_code, 'communeName', commune_name, 'postalCode', postal_code, 'address', address, 'latitude', latitude,
            'longitude', longitude, 'pupils', pupils, 'priorityEducation', priority_education, 'tracks', tracks, 'isOpen', is_open,
            'phone', phone, 'email', email) AS j
        )
        INSERT INTO platform.audit_events (tenant_id, at, actor_type, actor_label, action, entity_type, entity_id, after)
        SELECT ${tenantId}::uuid, now(), 'system', 'Système', 'import', 'establishment', id::text, j FROM inserted`);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return performance.now() - start;
}

class Rollback extends Error {}
