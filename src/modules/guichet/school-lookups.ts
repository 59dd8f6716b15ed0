import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';
import { uuidArray } from '../../server/platform/prepared.js';

/**
 * Reads of other modules' tables a ticket needs (a room, devices, a person), as plain SQL on
 * their schemas: the guichet stores references with a label, never a foreign key into them.
 */

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

export interface SchoolRow {
  id: string;
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
  departmentCode: string | null;
}

export async function schoolByUai(db: Db, tenantId: string, uai: string): Promise<SchoolRow | null> {
  const [row] = await rows<SchoolRow>(
    db,
    sql`select id, uai, name, unit_id as "unitId", academy_code as "academyCode", department_code as "departmentCode"
          from referentiel.establishments_view where tenant_id = ${tenantId} and uai = ${uai.trim().toUpperCase()}`,
  );
  return row ?? null;
}

export async function roomOfSchool(db: Db, tenantId: string, schoolId: string, roomId: string): Promise<{ id: string; name: string }> {
  const [room] = await rows<{ id: string; name: string }>(
    db,
    sql`select id, name from referentiel.rooms_view where tenant_id = ${tenantId} and id = ${roomId} and establishment_id = ${schoolId}`,
  );
  if (!room) throw invalid('roomId', "Cette salle n'appartient pas à l'établissement du ticket.");
  return room;
}

export interface DeviceRow {
  id: string;
  label: string;
  supplier: string | null;
  warrantyEnd: string | null;
}

/** The devices of a school among `ids`; any other id is refused, naming none of them. */
export async function devicesOfSchool(db: Db, tenantId: string, schoolId: string, ids: string[]): Promise<DeviceRow[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; name: string | null; serial: string | null; inventory: string | null; supplier: string | null; warranty: string | null }>(
    db,
    sql`select id, name, serial, inventory_number as inventory, supplier, warranty_end::text as warranty
          from parc.assets_view where tenant_id = ${tenantId} and establishment_id = ${schoolId} and id = any(${uuidArray(ids)})`,
  );
  if (found.length !== new Set(ids).size) throw invalid('assetIds', "Certains équipements sont inconnus ou n'appartiennent pas à l'établissement du ticket.");
  return found.map((d) => ({
    id: d.id,
    label: d.name ?? (d.serial ? `N° de série ${d.serial}` : d.inventory ? `N° d'inventaire ${d.inventory}` : 'Équipement'),
    supplier: d.supplier,
    warrantyEnd: d.warranty,
  }));
}

export interface PersonRow {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

/** A person holding a role in the tenant (a requester named by the hotline, an assignee). */
export async function personInTenant(db: Db, tenantId: string, userId: string): Promise<PersonRow | null> {
  const [row] = await rows<PersonRow>(
    db,
    sql`select u.id, u.display_name as "displayName", u.email, array_agg(distinct r.role) as roles
          from access.users_view u join access.role_assignments_view r on r.user_id = u.id
         where r.tenant_id = ${tenantId} and u.id = ${userId} and u.active
         group by u.id, u.display_name, u.email`,
  );
  return row ?? null;
}
