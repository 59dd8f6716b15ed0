import { and, eq, sql } from 'drizzle-orm';
import { seedLycee40Vague2 } from '../../modules/campagnes/candidature/demo/seed-lycee40-vague2.js';
import { campaigns, dossiers, formVersions, instructorGroupMembers, instructorGroups } from '../../modules/campagnes/db/schema.js';
import type { TestApp } from '../app.js';
import { asAdmin, type Caller } from '../authz-matrix.js';

/**
 * The candidature call in the matrix: the demo's « vague 2 » seeded in A (one Lille and one Amiens
 * lycée, the académie de Lille co-reviewing, a closed session), the technician added to its group.
 */
const made = new WeakMap<TestApp, Promise<{ campaignId: string; sessionId: string; groupId: string; formVersionId: string }>>();

export function candidatureCall(t: TestApp) {
  let known = made.get(t);
  if (!known) {
    known = (async () => {
      const seeded = await seedLycee40Vague2(
        { ctx: t.ctx, database: t.database, password: 'x', tenants: new Map([['grand-est', t.ids.a.tenantId], ['ac-lille', t.ids.academy.tenantId]]), shared: new Map() },
        { academyCodes: ['09', '20'], perAcademy: 1, partnerCodes: ['ac-lille'], expertEmails: [t.ids.users['authority-admin'].email] },
      );
      const { campaignId, sessionId } = seeded!;
      const [group] = await t.ctx.db.select().from(instructorGroups).where(and(eq(instructorGroups.tenantId, t.ids.a.tenantId), eq(instructorGroups.campaignId, campaignId)));
      await t.ctx.db.insert(instructorGroupMembers).values({ tenantId: t.ids.a.tenantId, groupId: group!.id, userId: t.ids.users.technician.id });
      const [form] = await t.ctx.db.select().from(formVersions).where(and(eq(formVersions.tenantId, t.ids.a.tenantId), eq(formVersions.campaignId, campaignId)));
      return { campaignId, sessionId, groupId: group!.id, formVersionId: form!.id };
    })();
    made.set(t, known);
  }
  return known;
}

/** Who reads the ranking and the sessions: its instructors, the co-reviewing académie, the authority's readers. */
export const rankingReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'academy-staff', 'auditor'];
/** Who sits at the committee: the instructors (administrator, the group's technician) and the académie. */
export const committeeMembers: readonly Caller[] = ['authority-admin', 'technician', 'academy-staff'];

const sqlIncrement = () => sql`${campaigns.nextDossierNumber} + 1`;

/** A fresh file in review, of a school of unit 2 (not the staff user's), in the call's group. */
export async function fileInReview(t: TestApp) {
  const call = await candidatureCall(t);
  const school = t.ids.establishments.unit2[0]!;
  const [c] = await t.ctx.db
    .update(campaigns)
    .set({ nextDossierNumber: sqlIncrement() })
    .where(and(eq(campaigns.tenantId, t.ids.a.tenantId), eq(campaigns.id, call.campaignId)))
    .returning({ next: campaigns.nextDossierNumber });
  const now = new Date();
  const [row] = await t.ctx.db
    .insert(dossiers)
    .values({ tenantId: t.ids.a.tenantId, campaignId: call.campaignId, number: c!.next - 1, formVersionId: call.formVersionId, state: 'en_instruction', establishmentId: school.id, applicantLabel: school.name, groupId: call.groupId, answers: { rural: false }, createdAt: now, updatedAt: now, submittedAt: now, instructionAt: now })
    .returning();
  return row!;
}


/** A fresh open session of the call, created by A's administrator. */
export async function openSession(t: TestApp) {
  const { campaignId } = await candidatureCall(t);
  return asAdmin(t, 'POST', `/api/campaigns/${campaignId}/committee-sessions`, { title: 'Séance de la matrice', heldOn: '2027-03-01', participants: [{ organizationId: t.ids.a.tenantId, name: 'Vice-présidente' }] });
}
