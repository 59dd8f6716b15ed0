import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuthedCtx, Ctx } from '../../../../server/platform/context.js';
import { AppError, notFound } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { organizationsView } from '../../../referentiel/index.js';
import { campaignPartners, campaigns, dossiers } from '../../db/schema.js';
import { decisionOf, transitionDossier } from '../../dossier-states.js';
import { letterForDecision, letterPdf } from '../../letters/decision-letter.js';
import { loadCandidature } from '../access.js';
import { committeeDecisions, committeeSessions, type CommitteeParticipant } from '../db/schema.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ).');

export const createSessionInput = z.object({
  title: z.string().trim().min(3, 'Un intitulé de 3 caractères au moins.').max(200),
  heldOn: day,
  participants: z
    .array(z.object({ organizationId: z.string().uuid(), name: z.string().trim().min(2, 'Le nom du participant.').max(200) }))
    .min(1, 'Au moins un participant.')
    .max(50),
});
export const sessionDecisionInput = z.object({
  dossierId: z.string().uuid(),
  decision: z.enum(['accepte', 'refuse', 'classe_sans_suite'], { error: 'Décision : accepté, refusé ou classé sans suite.' }),
  motivation: z.string().trim().max(5000).default(''),
  /** The file's version the committee read: another change in between is a 409. */
  version: z.number().int(),
});
export const minutesInput = z.object({ minutes: z.string().max(100_000), version: z.number().int() });
export const sessionVersionInput = z.object({ version: z.number().int() });

type SessionRow = typeof committeeSessions.$inferSelect;

/** The organizations that may sit: the Région (the tenant) and the campaign's co-reviewing partners. */
async function sittingOrganizations(ctx: AuthedCtx, campaignId: string) {
  const partners = await ctx.db
    .select({ id: campaignPartners.organizationId })
    .from(campaignPartners)
    .where(and(eq(campaignPartners.tenantId, ctx.actor.tenantId), eq(campaignPartners.campaignId, campaignId)));
  const ids = [ctx.actor.tenantId, ...partners.map((p) => p.id)];
  return ctx.db.select({ id: organizationsView.tenantId, name: organizationsView.name }).from(organizationsView).where(inArray(organizationsView.tenantId, ids));
}

export async function listSessions(ctx: Ctx, campaignId: string) {
  const { ctx: a, campaign } = await loadCandidature(ctx, campaignId, 'read');
  const sessions = await a.db
    .select()
    .from(committeeSessions)
    .where(and(eq(committeeSessions.tenantId, campaign.tenantId), eq(committeeSessions.campaignId, campaign.id)))
    .orderBy(desc(committeeSessions.heldOn), desc(committeeSessions.createdAt));
  return { sessions, organizations: await sittingOrganizations(a, campaign.id) };
}

export async function createSession(ctx: Ctx, input: { campaignId: string; body: z.infer<typeof createSessionInput> }) {
  const { ctx: a, campaign } = await loadCandidature(ctx, input.campaignId, 'sit');
  const organizations = await sittingOrganizations(a, campaign.id);
  const members: CommitteeParticipant[] = input.body.participants.map((p, i) => {
    const org = organizations.find((o) => o.id === p.organizationId);
    if (!org) throw new AppError('VALIDATION', 'Un participant représente la Région ou un partenaire de l’appel (académie, DRAAF).', { issues: [{ path: `participants.${i}.organizationId`, message: 'Organisation hors de l’appel.' }] });
    return { organizationId: org.id, organizationName: org.name, name: p.name };
  });
  const [row] = await a.db
    .insert(committeeSessions)
    .values({ tenantId: campaign.tenantId, campaignId: campaign.id, title: input.body.title, heldOn: input.body.heldOn, members, createdByLabel: a.actor.label, createdAt: ctx.now() })
    .returning();
  return row!;
}

/** A session of a campaign the actor takes part in or reads; `sit` also refuses a closed session (409). */
export async function loadSession(ctx: Ctx, sessionId: string, need: 'read' | 'sit') {
  const tenantId = ctx.actor?.tenantId;
  const [session] = tenantId ? await ctx.db.select().from(committeeSessions).where(and(eq(committeeSessions.tenantId, tenantId), eq(committeeSessions.id, sessionId))) : [];
  if (tenantId && !session) throw notFound('Séance');
  const loaded = await loadCandidature(ctx, session?.campaignId ?? sessionId, need);
  if (need === 'sit' && session!.closedAt) throw new AppError('CONFLICT', `La séance « ${session!.title} » est close : son relevé de décisions et son procès-verbal ne changent plus.`);
  return { ...loaded, session: session! };
}

export async function sessionDetail(ctx: Ctx, sessionId: string) {
  const { ctx: a, session } = await loadSession(ctx, sessionId, 'read');
  return { session, decisions: await decisionsOf(a, session) };
}

async function decisionsOf(ctx: AuthedCtx, session: SessionRow) {
  return ctx.db
    .select({ dossierId: committeeDecisions.dossierId, number: dossiers.number, applicantLabel: dossiers.applicantLabel, score: dossiers.score, decision: committeeDecisions.decision, comment: committeeDecisions.comment, at: committeeDecisions.at, decidedByLabel: committeeDecisions.decidedByLabel })
    .from(committeeDecisions)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, committeeDecisions.tenantId), eq(dossiers.id, committeeDecisions.dossierId)))
    .where(and(eq(committeeDecisions.tenantId, session.tenantId), eq(committeeDecisions.sessionId, session.id)))
    .orderBy(sql`${dossiers.score} desc nulls last`, asc(dossiers.number));
}

/**
 * The committee's joint decision on one file: the file moves by the ordinary transition (its
 * letter generated and kept), the decision is recorded in the session, all or nothing.
 */
export async function decideInSession(ctx: Ctx, input: { sessionId: string; body: z.infer<typeof sessionDecisionInput> }) {
  const { ctx: a, campaign, session } = await loadSession(ctx, input.sessionId, 'sit');
  const { dossierId, decision, motivation, version } = input.body;
  const [file] = await a.db.select().from(dossiers).where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.id, dossierId), eq(dossiers.campaignId, campaign.id)));
  if (!file) throw notFound('Dossier');
  return a.db.transaction(async (tx) => {
    // the session row is locked: a decision cannot slip in while another member closes it
    const [locked] = await tx.select({ closedAt: committeeSessions.closedAt }).from(committeeSessions).where(and(eq(committeeSessions.tenantId, session.tenantId), eq(committeeSessions.id, session.id))).for('update');
    if (locked!.closedAt) throw new AppError('CONFLICT', `La séance « ${session.title} » est close.`);
    const moved = await transitionDossier(a, tx, { dossier: file, transition: decisionOf[decision], version, reason: motivation || `Décision du comité du ${session.heldOn.split('-').reverse().join('/')}`, set: { motivation: motivation || null } });
    const decided = await letterForDecision(a, tx, campaign, moved);
    await tx.insert(committeeDecisions).values({ tenantId: session.tenantId, sessionId: session.id, dossierId: file.id, decision, comment: motivation, at: ctx.now(), decidedByLabel: a.actor.label });
    return decided;
  });
}

export async function saveMinutes(ctx: Ctx, input: { sessionId: string; body: z.infer<typeof minutesInput> }) {
  const { ctx: a, session } = await loadSession(ctx, input.sessionId, 'sit');
  assertVersion(session, input.body.version);
  const [row] = await a.db
    .update(committeeSessions)
    .set({ minutes: input.body.minutes, version: sql`${committeeSessions.version} + 1` })
    .where(and(eq(committeeSessions.tenantId, session.tenantId), eq(committeeSessions.id, session.id), eq(committeeSessions.version, input.body.version), sql`${committeeSessions.closedAt} is null`))
    .returning();
  assertUpdated(row);
  return row!;
}

export async function closeSession(ctx: Ctx, input: { sessionId: string; version: number }) {
  const { ctx: a, session } = await loadSession(ctx, input.sessionId, 'sit');
  assertVersion(session, input.version);
  if (!session.minutes.trim()) throw new AppError('VALIDATION', 'Rédigez le procès-verbal avant de clore la séance.', { issues: [{ path: 'minutes', message: 'Procès-verbal vide.' }] });
  const [row] = await a.db
    .update(committeeSessions)
    .set({ closedAt: ctx.now(), closedByLabel: a.actor.label, version: sql`${committeeSessions.version} + 1` })
    .where(and(eq(committeeSessions.tenantId, session.tenantId), eq(committeeSessions.id, session.id), eq(committeeSessions.version, input.version), sql`${committeeSessions.closedAt} is null`))
    .returning();
  assertUpdated(row);
  return row!;
}

const decisionLabels = { accepte: 'accepté', refuse: 'refusé', classe_sans_suite: 'classé sans suite' } as const;

/** The minutes as a PDF: the session, who sat, each decision with the file's score, then the text. */
export async function minutesPdf(ctx: Ctx, sessionId: string) {
  const { ctx: a, session } = await loadSession(ctx, sessionId, 'read');
  const [campaign] = await a.db.select({ title: campaigns.title }).from(campaigns).where(and(eq(campaigns.tenantId, session.tenantId), eq(campaigns.id, session.campaignId)));
  const decisions = await decisionsOf(a, session);
  const lines = [
    `Procès-verbal — ${session.title}`,
    `Appel : ${campaign!.title}`,
    `Séance du ${session.heldOn.split('-').reverse().join('/')}${session.closedAt ? ` (close le ${session.closedAt.toISOString().slice(0, 10).split('-').reverse().join('/')} par ${session.closedByLabel})` : ' (en cours)'}`,
    '',
    'Participants :',
    ...session.members.map((m) => `- ${m.name} (${m.organizationName})`),
    '',
    `Décisions (${decisions.length}) :`,
    ...decisions.map((d) => `- Dossier n° ${d.number}, ${d.applicantLabel}${d.score === null ? '' : `, note ${d.score}/100`} : ${decisionLabels[d.decision]}${d.comment ? ` (${d.comment})` : ''}`),
    '',
    'Relevé des débats :',
    session.minutes || '(vide)',
  ];
  return { filename: `proces-verbal-${session.heldOn}.pdf`, bytes: await letterPdf(`Procès-verbal — ${session.title}`, lines.join('\n')) };
}
