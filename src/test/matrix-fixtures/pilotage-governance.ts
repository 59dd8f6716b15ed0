import { and, eq } from 'drizzle-orm';
import { agreements, bodies, bodyMembers, decisions, followUps, meetings } from '../../modules/pilotage/governance/db/schema.js';
import { writeDataPack } from '../../modules/pilotage/governance/operations/issue-data-pack.js';
import { catalogueServices, communeMemberships, joiningCycles, subscriptions } from '../../modules/pilotage/metropole/db/schema.js';
import { createOrganization } from '../../modules/referentiel/operations/create-organization.js';
import type { TestApp } from '../app.js';
import { unique, type Caller } from '../authz-matrix.js';

/**
 * Governance and a Métropole's catalogue in the matrix: read by the roles that cover the whole
 * authority (admin, steering, auditor), written by admin and steering; the records of A below.
 */
export const governanceReaders: readonly Caller[] = ['authority-admin', 'steering', 'auditor'];
export const governanceManagers: readonly Caller[] = ['authority-admin', 'steering'];

export interface GovernanceOfA {
  bodyId: string;
  memberId: string;
  meetingId: string;
  communeId: string;
  cycleId: string;
  serviceId: string;
}

const seeded = new WeakMap<TestApp, Promise<GovernanceOfA>>();

/** A body of A with one member present at a meeting that has an issued data pack; a commune of A that joined. */
export function governanceOfA(t: TestApp): Promise<GovernanceOfA> {
  let made = seeded.get(t);
  if (!made) {
    made = (async () => {
      const tenantId = t.ids.a.tenantId;
      const [body] = await t.ctx.db.insert(bodies).values({ tenantId, kind: 'technical-committee', name: 'Comité technique (matrice)', cadence: 'half-yearly', unanimity: false, createdAt: new Date() }).returning();
      const [member] = await t.ctx.db.insert(bodyMembers).values({ tenantId, bodyId: body.id, name: 'Membre matrice', title: 'Directeur', organizationId: tenantId }).returning();
      const [meeting] = await t.ctx.db
        .insert(meetings)
        .values({ tenantId, bodyId: body.id, heldOn: '2026-05-01', place: 'Salle du conseil', agenda: ['Bilan'], attendance: [member.id] })
        .returning();
      await writeDataPack(t.ctx, tenantId, meeting.id, 'Matrice');
      const commune = await createOrganization(t.ctx, { code: unique('commune-matrice').toLowerCase(), kind: 'commune', name: 'Commune matrice', partnerOf: [t.ids.a.code] });
      const [cycle] = await t.ctx.db.insert(joiningCycles).values({ tenantId, year: 2020, label: 'Cycle matrice' }).returning();
      const [service] = await t.ctx.db
        .insert(catalogueServices)
        .values({ tenantId, code: 'wifi', name: 'Wi-Fi (matrice)', ticketCategories: ['infrastructure'], resolveWithinTarget: 0.8, costPerDeviceCents: 100, costPerPupilCents: 10 })
        .returning();
      await t.ctx.db.insert(communeMemberships).values({ tenantId, communeId: commune.tenantId, inseeCode: '59350', cycleId: cycle.id, status: 'joined', costSplit: 'pupils', decidedAt: new Date() });
      await t.ctx.db.insert(subscriptions).values({ tenantId, communeId: commune.tenantId, serviceId: service.id, cycleId: cycle.id });
      return { bodyId: body.id, memberId: member.id, meetingId: meeting.id, communeId: commune.tenantId, cycleId: cycle.id, serviceId: service.id };
    })();
    seeded.set(t, made);
  }
  return made;
}

/** A fresh open decision of A's meeting, for a call that closes it. */
export async function openDecisionOfA(t: TestApp) {
  const g = await governanceOfA(t);
  const [d] = await t.ctx.db.insert(decisions).values({ tenantId: t.ids.a.tenantId, meetingId: g.meetingId, title: unique('Décision matrice'), status: 'open' }).returning();
  return d.id;
}

/** A fresh open action of A's meeting, for a call that completes it. */
export async function openActionOfA(t: TestApp) {
  const g = await governanceOfA(t);
  const [f] = await t.ctx.db.insert(followUps).values({ tenantId: t.ids.a.tenantId, meetingId: g.meetingId, title: unique('Action matrice'), ownerMemberId: g.memberId, dueOn: '2030-01-01' }).returning();
  return f.id;
}

export async function meetingVersionOfA(t: TestApp) {
  const g = await governanceOfA(t);
  const [m] = await t.ctx.db.select({ version: meetings.version }).from(meetings).where(and(eq(meetings.tenantId, t.ids.a.tenantId), eq(meetings.id, g.meetingId)));
  return m.version;
}

/** Codes and years each caller creates, so that no two creations of one tenant collide. */
export const serviceCodeOf: Partial<Record<Caller, string>> = { 'authority-admin': 'assistance', steering: 'ent', 'admin-b': 'assistance' };
export const cycleYearOf: Partial<Record<Caller, number>> = { 'authority-admin': 2041, steering: 2042, 'admin-b': 2041 };

/** A record's current version, read before each call that edits it (every allowed caller edits it in turn). */
async function versionOf(t: TestApp, table: typeof bodies | typeof bodyMembers | typeof agreements | typeof catalogueServices | typeof joiningCycles, id: string) {
  const [row] = await t.ctx.db.select({ version: table.version }).from(table).where(and(eq(table.tenantId, t.ids.a.tenantId), eq(table.id, id)));
  return row.version;
}

export const bodyVersionOfA = async (t: TestApp) => versionOf(t, bodies, (await governanceOfA(t)).bodyId);
export const memberVersionOfA = async (t: TestApp) => versionOf(t, bodyMembers, (await governanceOfA(t)).memberId);
export const serviceVersionOfA = async (t: TestApp) => versionOf(t, catalogueServices, (await governanceOfA(t)).serviceId);
export const cycleVersionOfA = async (t: TestApp) => versionOf(t, joiningCycles, (await governanceOfA(t)).cycleId);

const agreementsOfA = new WeakMap<TestApp, Promise<string>>();
/** A school agreement of A (authority ↔ its staff's lycée), edited by each allowed caller in turn. */
export function agreementOfA(t: TestApp): Promise<string> {
  let made = agreementsOfA.get(t);
  if (!made) {
    made = (async () => {
      const tenantId = t.ids.a.tenantId;
      const [row] = await t.ctx.db
        .insert(agreements)
        .values({ tenantId, kind: 'authority-establishment', title: 'Convention matrice', partyAId: tenantId, establishmentId: t.ids.staffSchool.id, validFrom: '2026-01-01', commitments: [{ party: 'b', text: 'Désigner un référent' }], serviceLevels: [], createdAt: new Date() })
        .returning();
      return row.id;
    })();
    agreementsOfA.set(t, made);
  }
  return made;
}
export const agreementVersionOfA = async (t: TestApp) => versionOf(t, agreements, await agreementOfA(t));

/** A fresh member of A's body, for a call that removes it. */
export async function freshMemberOfA(t: TestApp) {
  const g = await governanceOfA(t);
  const [m] = await t.ctx.db.insert(bodyMembers).values({ tenantId: t.ids.a.tenantId, bodyId: g.bodyId, name: unique('Membre sortant'), title: 'Invité', organizationId: t.ids.a.tenantId }).returning();
  return m;
}
