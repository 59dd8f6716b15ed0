import { and, eq } from 'drizzle-orm';
import { buildings, establishments, importRuns, rooms, territorialUnits } from '../../modules/referentiel/db/schema.js';
import type { TestApp, TestEstablishment } from '../app.js';
import { allowed, unique, type Caller, type Expect } from '../authz-matrix.js';

/** Establishments, premises, units and imports: who may do what in the matrix (see authz-matrix.ts for the rules), and the records of A it needs. */

/** Who reads establishments (establishment.read) and organizations (organization.read): every role. */
export const establishmentReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor'];
export const organizationReaders = establishmentReaders;
/** Who exports establishments (establishment.export) and reads units (unit.read). */
export const establishmentExporters: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'academy-staff', 'auditor'];
export const unitReaders = establishmentExporters;
/** Who manages buildings and rooms (premises.manage), each in their scope. */
export const premisesManagers: readonly Caller[] = ['authority-admin', 'technician', 'establishment-staff'];
/** Who reads the audit trail and a school's history (audit.read). */
export const auditReaders: readonly Caller[] = ['authority-admin', 'steering', 'auditor'];

/** Buildings and rooms of a school of unit 1 (the technician's and the staff user's) and of unit 2 (neither's). */
export const premisesOnUnit1: Expect = allowed(premisesManagers, 200, { recordOfA: true });
export const premisesOnUnit2: Expect = allowed(premisesManagers, 200, { outOfScope: ['technician', 'establishment-staff'], recordOfA: true });

export async function establishmentVersion(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .select({ version: establishments.version })
    .from(establishments)
    .where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, e.id)));
  return row.version;
}

export async function unitVersion(t: TestApp, unitId: string) {
  const [row] = await t.ctx.db
    .select({ version: territorialUnits.version })
    .from(territorialUnits)
    .where(and(eq(territorialUnits.tenantId, t.ids.a.tenantId), eq(territorialUnits.id, unitId)));
  return row.version;
}

export async function newBuilding(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .insert(buildings)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, name: unique('Bâtiment') })
    .returning();
  return row;
}

export async function newRoom(t: TestApp, e: TestEstablishment) {
  const building = await newBuilding(t, e);
  const [row] = await t.ctx.db
    .insert(rooms)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, buildingId: building.id, name: unique('Salle'), kind: 'classroom' })
    .returning();
  return { building, room: row };
}

const importRunsOfA = new WeakMap<TestApp, string>();
export async function importRunOfA(t: TestApp) {
  const known = importRunsOfA.get(t);
  if (known) return known;
  const [run] = await t.ctx.db
    .insert(importRuns)
    .values({ tenantId: t.ids.a.tenantId, filename: 'lycees-a.json', mode: 'all-or-nothing', status: 'applied', createdBy: 'matrice', finishedAt: new Date() })
    .returning();
  importRunsOfA.set(t, run.id);
  return run.id;
}

/** A lycées JSON file made of the caller's own tenant's schools (re-importing them changes nothing). */
export async function ownLyceesFile(t: TestApp, caller: Caller) {
  const list = caller === 'admin-b' ? t.ids.establishmentsB : t.ids.establishments.all;
  const rows = await t.ctx.db
    .select()
    .from(establishments)
    .where(eq(establishments.tenantId, caller === 'admin-b' ? t.ids.b.tenantId : t.ids.a.tenantId));
  const lycees = rows
    .filter((r) => list.some((e) => e.id === r.id))
    .map((r) => ({
      uai: r.uai,
      nom: r.name,
      ville: r.communeName,
      codeDept: r.departmentCode,
      academie: r.academyName,
      secteur: r.sector === 'public' ? 'public' : 'privé sous contrat',
      type: 'GT',
      codePostal: r.postalCode,
      adresse: r.address,
    }));
  return Buffer.from(JSON.stringify({ meta: { year: '2025' }, lycees }));
}
