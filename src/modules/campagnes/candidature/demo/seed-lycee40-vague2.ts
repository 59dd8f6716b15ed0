import { and, asc, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { findUserByEmail } from '../../../access/index.js';
import { establishmentsView, organizationsView } from '../../../referentiel/index.js';
import { campaignPartners, campaigns, dossierEvents, dossiers, formVersions, instructorGroupMembers, instructorGroups, letterTemplates, opinions, type GridCriterion } from '../../db/schema.js';
import { letterForDecision } from '../../letters/decision-letter.js';
import { schoolFacts } from '../../routing.js';
import { committeeDecisions, committeeSessions, type CommitteeParticipant } from '../db/schema.js';
import { scoreOf } from '../scoring.js';

/** The weighted grid of the seed's Lycée 4.0 selection: the school's situation, then the reviewed project. */
export const lycee40Grid: GridCriterion[] = [
  { key: 'secteur', label: 'Statut (public / privé sous contrat)', weight: 5, source: 'sector', max: 10, points: { public: 10, private: 6 } },
  { key: 'territoire', label: 'Territoire (REP+, REP, rural, urbain)', weight: 15, source: 'territory', max: 10, points: { 'REP+': 10, REP: 8, rural: 7, urbain: 4 } },
  { key: 'voie', label: 'Type d’enseignement', weight: 10, source: 'teaching', max: 10, points: { professionnel: 10, agricole: 10, technologique: 7, general: 5 } },
  { key: 'projet', label: 'Projet pédagogique', weight: 30, source: 'reviewer', max: 20 },
  { key: 'insertion', label: 'Insertion dans le projet d’établissement', weight: 15, source: 'reviewer', max: 10 },
  { key: 'equipe', label: 'Implication de l’équipe', weight: 15, source: 'reviewer', max: 10 },
  { key: 'evaluation', label: 'Méthode d’évaluation', weight: 10, source: 'reviewer', max: 10 },
];

const form = [
  { key: 'projet', kind: 'textarea', label: 'Projet pédagogique', required: true },
  { key: 'rural', kind: 'yesno', label: 'Établissement en commune rurale ?', required: true },
  { key: 'classes', kind: 'integer', label: 'Classes concernées', required: true, min: 1 },
];

/**
 * Where the files come from and who reviewed them. Grand Est: ten lycées per académie, by académie
 * code (Reims 19, Nancy-Metz 12, Strasbourg 15) in UAI order, never by label; its three académies
 * and the DRAAF co-review; the Région's administrator and the DRANE of Strasbourg scored.
 */
export interface Vague2Options {
  academyCodes: string[];
  perAcademy: number;
  partnerCodes: string[];
  expertEmails: string[];
}
export const grandEstVague2: Vague2Options = {
  academyCodes: ['19', '12', '15'],
  perAcademy: 10,
  partnerCodes: ['ac-reims', 'ac-nancy-metz', 'ac-strasbourg', 'draaf-grand-est'],
  expertEmails: ['authority-admin.grand-est@demo.coherence.fr', 'academy-staff.ac-strasbourg@demo.coherence.fr'],
};
const spread = (i: number, modulo: number) => (i * 7919 + 13) % modulo;

/**
 * Grand Est's closed « Lycée 4.0 — vague 2 » candidature call: its grid, thirty lycées' files
 * reviewed by the académies and the DRAAF, and the committee session held after closing that
 * took one joint decision per file (the best half accepted), with its letters and minutes.
 */
export async function seedLycee40Vague2(seed: DemoSeed, options: Vague2Options = grandEstVague2) {
  const { academyCodes, perAcademy } = options;
  const tenantId = seed.tenants.get('grand-est');
  if (!tenantId) return null;
  const ctx = seed.ctx;
  const db = ctx.db;
  const paris = DateTime.fromJSDate(ctx.now(), { zone: 'Europe/Paris' });
  const closesAt = paris.minus({ months: 2 }).endOf('day');
  const partnerIds = options.partnerCodes.map((c) => seed.tenants.get(c)).filter((id): id is string => !!id);
  const [campaign] = await db
    .insert(campaigns)
    .values({
      tenantId,
      code: 'lycee40-vague2',
      kind: 'candidature',
      title: 'Lycée 4.0 — vague 2',
      description: 'Appel à candidatures des lycées pour la deuxième vague du programme Lycée 4.0, choisis sur critères pondérés par un comité Région-Académies-DRAAF.',
      status: 'published',
      opensAt: closesAt.minus({ months: 2 }).startOf('day').toJSDate(),
      closesAt: closesAt.toJSDate(),
      closedAt: closesAt.plus({ seconds: 1 }).toJSDate(),
      grid: lycee40Grid,
      createdBy: 'Démo',
    })
    .returning();
  const [version] = await db.insert(formVersions).values({ tenantId, campaignId: campaign!.id, number: 1, publishedAt: campaign!.opensAt, fields: form }).returning();
  if (partnerIds.length) await db.insert(campaignPartners).values(partnerIds.map((organizationId) => ({ tenantId, campaignId: campaign!.id, organizationId })));
  const experts = [];
  for (const email of options.expertEmails) {
    const user = await findUserByEmail(ctx, email);
    if (user) experts.push(user);
  }
  const admin = experts[0];
  const [group] = await db.insert(instructorGroups).values({ tenantId, campaignId: campaign!.id, name: 'Comité Lycée 4.0', isDefault: true }).returning();
  if (admin) await db.insert(instructorGroupMembers).values({ tenantId, groupId: group!.id, userId: admin.id });
  await db.insert(letterTemplates).values({
    tenantId,
    campaignId: campaign!.id,
    decision: 'accepte',
    body: 'Objet : {{campagne}}, candidature n° {{numero}}\n\nMadame la Proviseure, Monsieur le Proviseur,\n\nLe comité Région-Académies-DRAAF a examiné la candidature de l’établissement {{etablissement}} ({{uai}}), notée {{note}}. Elle est {{decision}} : votre lycée rejoint la deuxième vague du programme Lycée 4.0.\n{{motif}}\n\nStrasbourg, le {{date}}.',
  });

  const schools = await db
    .select({ id: establishmentsView.id, uai: establishmentsView.uai, name: establishmentsView.name, academyCode: establishmentsView.academyCode })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), inArray(establishmentsView.academyCode, academyCodes)))
    .orderBy(asc(establishmentsView.uai));
  const chosen = academyCodes.flatMap((code) => schools.filter((s) => s.academyCode === code).slice(0, perAcademy));
  const submittedAt = closesAt.minus({ days: 10 }).toJSDate();
  const reviewedAt = closesAt.plus({ days: 10 }).toJSDate();
  const files = [];
  for (const [i, school] of chosen.entries()) {
    const answers = { projet: `Projet numérique du ${school.name} : classes équipées, ressources partagées, formation des enseignants.`, rural: i % 3 === 0, classes: 4 + (i % 9) };
    const reviews = experts.map((_, e) => ({ projet: 8 + spread(i + e, 13), insertion: 4 + spread(i * 3 + e, 7), equipe: 3 + spread(i * 5 + e, 8), evaluation: 2 + spread(i * 7 + e, 9) }));
    const { score } = scoreOf(lycee40Grid, await schoolFacts(db, tenantId, school.id), answers, reviews);
    const [file] = await db
      .insert(dossiers)
      .values({
        tenantId,
        campaignId: campaign!.id,
        number: i + 1,
        formVersionId: version!.id,
        state: 'en_instruction',
        establishmentId: school.id,
        applicantLabel: school.name,
        groupId: group!.id,
        answers,
        score,
        createdAt: submittedAt,
        updatedAt: reviewedAt,
        submittedAt,
        instructionAt: closesAt.plus({ seconds: 1 }).toJSDate(),
      })
      .returning();
    if (experts.length)
      await db.insert(opinions).values(
        experts.map((expert, e) => ({ tenantId, dossierId: file!.id, expertUserId: expert.id, expertLabel: expert.displayName, requestedAt: submittedAt, requestedByLabel: 'Démo', status: 'given' as const, verdict: 'favourable' as const, scores: reviews[e]!, comment: 'Projet cohérent.', answeredAt: reviewedAt })),
      );
    files.push(file!);
  }
  await db.update(campaigns).set({ nextDossierNumber: files.length + 1 }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaign!.id)));
  const sessionId = await holdCommittee(seed, tenantId, campaign!, files, [tenantId, ...partnerIds]);
  return { campaignId: campaign!.id, sessionId, fileIds: files.map((f) => f.id) };
}

/** The session held three weeks after closing: the best half accepted, the rest refused, minutes written, closed. */
async function holdCommittee(seed: DemoSeed, tenantId: string, campaign: typeof campaigns.$inferSelect, files: (typeof dossiers.$inferSelect)[], organizationIds: string[]) {
  const db = seed.ctx.db;
  const heldAt = DateTime.fromJSDate(campaign.closesAt, { zone: 'Europe/Paris' }).plus({ weeks: 3 }).set({ hour: 14 });
  const orgs = await db.select({ id: organizationsView.tenantId, name: organizationsView.name }).from(organizationsView).where(inArray(organizationsView.tenantId, organizationIds));
  const people = ['Vice-présidente en charge des lycées', 'DRANE', 'DRANE', 'DRANE', 'Chef du service régional de la formation'];
  const members: CommitteeParticipant[] = organizationIds.map((id, i) => ({ organizationId: id, organizationName: orgs.find((o) => o.id === id)?.name ?? id, name: people[i] ?? 'Représentant' }));
  const ranked = [...files].sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.number - y.number);
  const accepted = new Set(ranked.slice(0, Math.ceil(ranked.length / 2)).map((f) => f.id));
  const decidedAt = heldAt.toJSDate();
  const [session] = await db
    .insert(committeeSessions)
    .values({
      tenantId,
      campaignId: campaign.id,
      title: 'Comité de sélection Lycée 4.0 — vague 2',
      heldOn: heldAt.toISODate()!,
      members,
      minutes: `Le comité Région-Académies-DRAAF a examiné ${files.length} candidatures classées par la grille pondérée. Il retient les ${accepted.size} premières, en veillant à l’équilibre entre académies, secteurs public et privé et voies d’enseignement. Les autres candidatures pourront être présentées à la vague suivante.`,
      createdByLabel: 'Admin grand-est',
      createdAt: decidedAt,
      closedAt: heldAt.plus({ hours: 3 }).toJSDate(),
      closedByLabel: 'Admin grand-est',
    })
    .returning();
  const letterCtx = { ...seed.ctx, now: () => decidedAt };
  for (const file of files) {
    const decision = accepted.has(file.id) ? ('accepte' as const) : ('refuse' as const);
    const comment = decision === 'accepte' ? 'Retenu par le comité.' : 'Classement insuffisant pour cette vague.';
    const [moved] = await db
      .update(dossiers)
      .set({ state: decision, motivation: comment, decidedAt, updatedAt: decidedAt, version: 2 })
      .where(and(eq(dossiers.tenantId, tenantId), eq(dossiers.id, file.id)))
      .returning();
    await db.insert(dossierEvents).values({ tenantId, dossierId: file.id, at: decidedAt, kind: 'transition', fromState: 'en_instruction', toState: decision, reason: `Décision du comité : ${comment}`, actorLabel: 'Comité Lycée 4.0' });
    await letterForDecision(letterCtx, db, campaign, moved!);
    await db.insert(committeeDecisions).values({ tenantId, sessionId: session!.id, dossierId: file.id, decision, comment, at: decidedAt, decidedByLabel: 'Comité Lycée 4.0' });
  }
  return session!.id;
}
