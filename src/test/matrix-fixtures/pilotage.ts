import { and, eq } from 'drizzle-orm';
import { ppiOperations, ppiScenarios, targetProfiles, targetProfileVersions } from '../../modules/pilotage/db/schema.js';
import type { TestApp } from '../app.js';
import { unit1School, type Caller } from '../authz-matrix.js';

/** Steering (pilotage): who may do what in the matrix, and the records of A it needs. */

/** Who reads assessments and dashboards (steering.read), each over their schools: a head theirs, an académie its own. */
export const steeringReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'auditor'];
/** Who exports them (steering.export). */
export const steeringExporters: readonly Caller[] = ['authority-admin', 'steering', 'establishment-staff', 'academy-staff', 'auditor'];
/** Who manages target profiles (target.manage) and PPI scenarios (ppi.manage, ppi.vote). */
export const steeringManagers: readonly Caller[] = ['authority-admin', 'steering'];
/** Who reads the PPI (ppi.read). */
export const ppiReaders: readonly Caller[] = ['authority-admin', 'steering', 'auditor'];

const profiles = new WeakMap<TestApp, Promise<string>>();
/** A target profile of A with a version 1 that stays editable. */
export function profileOfA(t: TestApp): Promise<string> {
  let known = profiles.get(t);
  if (!known) {
    known = (async () => {
      const tenantId = t.ids.a.tenantId;
      const [p] = await t.ctx.db.insert(targetProfiles).values({ tenantId, name: 'Matrice lycées', establishmentKind: 'lycee' }).returning();
      await t.ctx.db.insert(targetProfileVersions).values({ tenantId, profileId: p.id, number: 1, indicators: [{ code: 'pupils_per_device', target: 4 }] });
      return p.id;
    })();
    profiles.set(t, known);
  }
  return known;
}

export async function profileVersionOfA(t: TestApp): Promise<number> {
  const id = await profileOfA(t);
  const [v] = await t.ctx.db.select().from(targetProfileVersions).where(and(eq(targetProfileVersions.profileId, id), eq(targetProfileVersions.number, 1)));
  return v.version;
}

/** A draft scenario of A with one operation (10 € in 2027 at the staff school), created fresh when asked. */
export async function scenarioOfA(t: TestApp, name: string): Promise<{ id: string; operationId: string; version: number }> {
  const tenantId = t.ids.a.tenantId;
  const [s] = await t.ctx.db.insert(ppiScenarios).values({ tenantId, name, startYear: 2027, yearCount: 1, yearlyCeilingsCents: [100_000] }).returning();
  const [op] = await t.ctx.db
    .insert(ppiOperations)
    .values({ tenantId, scenarioId: s.id, establishmentId: unit1School(t).id, kind: 'wifi_rooms', indicatorCode: 'wifi_teaching_rooms_share', quantity: 1, unitCostCents: 1000, costCents: 1000, costSource: 'reference', priority: 1, year: 2027 })
    .returning();
  return { id: s.id, operationId: op.id, version: op.version };
}

const shared = new WeakMap<TestApp, Promise<{ id: string; operationId: string; version: number }>>();
/** One scenario of A shared by the read and edit cases. */
export function sharedScenarioOfA(t: TestApp) {
  let known = shared.get(t);
  if (!known) {
    known = scenarioOfA(t, 'Matrice partagé');
    shared.set(t, known);
  }
  return known;
}

export async function operationVersion(t: TestApp, operationId: string): Promise<number> {
  const [op] = await t.ctx.db.select({ version: ppiOperations.version }).from(ppiOperations).where(eq(ppiOperations.id, operationId));
  return op.version;
}
