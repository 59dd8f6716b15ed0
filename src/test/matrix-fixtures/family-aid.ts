import { and, eq } from 'drizzle-orm';
import { documentContents, documents, dossiers } from '../../modules/campagnes/db/schema.js';
import { familyAidFiles } from '../../modules/campagnes/family-aid/db/schema.js';
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

const withNotice = new WeakMap<TestApp, Promise<string>>();

/** A submitted file whose tax notice is stored, for the instructors' download. */
export function aidFileWithTaxNotice(t: TestApp) {
  let id = withNotice.get(t);
  if (!id) {
    id = (async () => {
      const dossier = await insertAidFile(t, await familyAidCampaign(t));
      const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');
      const [doc] = await t.ctx.db
        .insert(documents)
        .values({ tenantId: dossier.tenantId, dossierId: dossier.id, purpose: 'answer', fieldKey: 'tax-notice', filename: 'avis.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: 'matrice', scanStatus: 'clean', uploadedByLabel: 'Famille essai', uploadedAt: t.ctx.now() })
        .returning();
      await t.ctx.db.insert(documentContents).values({ tenantId: dossier.tenantId, documentId: doc.id, bytes });
      await t.ctx.db.update(familyAidFiles).set({ taxNoticeDocumentId: doc.id }).where(and(eq(familyAidFiles.tenantId, dossier.tenantId), eq(familyAidFiles.dossierId, dossier.id)));
      return dossier.id;
    })();
    withNotice.set(t, id);
  }
  return id;
}
