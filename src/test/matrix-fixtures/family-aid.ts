import { and, eq } from 'drizzle-orm';
import { dossiers } from '../../modules/campagnes/db/schema.js';
import { insertAidFile, insertFamilyAidCampaign } from '../../modules/campagnes/family-aid/testing.js';
import type { TestApp } from '../app.js';
import type { Caller } from '../authz-matrix.js';

/** The family aid's records for the matrix: one published campaign of A, made once per world, and files in it. */
const made = new WeakMap<TestApp, ReturnType<typeof insertFamilyAidCampaign>>();

export function familyAidCampaign(t: TestApp) {
  let campaign = made.get(t);
  if (!campaign) {
    campaign = insertFamilyAidCampaign(t, { code: 'matrice-aide' });
    made.set(t, campaign);
  }
  return campaign;
}

/** Who reads the anonymous figures (family-aid.dashboard). */
export const aidDashboardReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'academy-staff', 'auditor'];

const submitted = new WeakMap<TestApp, Promise<string>>();

/** One submitted file of the staff user's school, shared by the cases that change it in turn. */
export function submittedAidFile(t: TestApp) {
  let id = submitted.get(t);
  if (!id) {
    id = familyAidCampaign(t).then((c) => insertAidFile(t, c)).then((d) => d.id);
    submitted.set(t, id);
  }
  return id;
}

/** A fresh accepted file of the staff user's school: each delivery spends one. */
export async function acceptedAidFile(t: TestApp) {
  return insertAidFile(t, await familyAidCampaign(t), { state: 'accepte' });
}

export async function dossierVersion(t: TestApp, id: string) {
  const [row] = await t.ctx.db.select({ version: dossiers.version }).from(dossiers).where(and(eq(dossiers.tenantId, t.ids.a.tenantId), eq(dossiers.id, id)));
  return row.version;
}
