import { DateTime } from 'luxon';
import type { Ctx } from '../../../../server/platform/context.js';
import { agreements, bodies, bodyMembers, decisions, followUps, meetings, votes } from '../db/schema.js';
import { writeDataPack } from '../operations/issue-data-pack.js';
import { decisionOutcome, parisDay } from '../rules.js';

interface Parties {
  tenantId: string;
  academyId: string;
  firstSchoolId: string;
}

type Member = [name: string, title: string, forAcademy: boolean];

/**
 * Hauts-de-France's governance as the seeds tell it (seeds/000): a weekly project group of named
 * project leads, a half-yearly technical committee of directors, a yearly steering committee of
 * elected members (unanimity), with past meetings, decisions and votes, actions (some done, some
 * late) and a data pack issued for each meeting; the framework convention with the académie and
 * service agreements with their commitments and service levels.
 */
export async function seedGovernanceDemo(ctx: Ctx, p: Parties) {
  const { tenantId } = p;
  const now = ctx.now();
  const day = (offset: number) => DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).plus({ days: offset }).toISODate()!;
  await seedAgreements(ctx, p, day);
  const group = await body(ctx, p, { kind: 'project-group', name: 'Groupe projet hebdomadaire', cadence: 'weekly', unanimity: false }, [
    ['Claire Dubois', 'Cheffe de projet infrastructures et câblage', false],
    ['Julien Caron', 'Chef de projet maintenance et guichet unique', false],
    ['Marc Lefebvre', 'Chef de projet ENT et ressources', false],
    ['Sophie Martin', 'Cheffe de projet à la DRANE', true],
  ]);
  const technical = await body(ctx, p, { kind: 'technical-committee', name: 'Comité technique semestriel', cadence: 'half-yearly', unanimity: false }, [
    ['Laurent Petit', 'Directeur général adjoint des lycées', false],
    ['Nadia Benali', 'Directrice du numérique', false],
    ['Hélène Roussel', "Secrétaire générale d'académie", true],
    ['Thomas Girard', 'Délégué régional académique au numérique', true],
  ]);
  const steering = await body(ctx, p, { kind: 'steering-committee', name: 'Comité de pilotage annuel', cadence: 'yearly', unanimity: true }, [
    ['Isabelle Lemaire', 'Vice-présidente en charge des lycées', false],
    ['Philippe Moreau', 'Vice-président en charge du numérique', false],
    ['Anne Vasseur', 'Rectrice de la région académique', true],
  ]);
  const meetingsToIssue: string[] = [];
  for (const [i, offset] of [-21, -14, -7].entries()) {
    meetingsToIssue.push(
      await meeting(ctx, tenantId, group, day(offset), 'Siège de la Région, Lille', ['Avancement du câblage des lycées', 'Tickets en retard de la semaine', 'Préparation du comité technique'], {
        decision: i === 2 ? 'Prioriser le câblage des lycées du secteur 1 avant la rentrée' : null,
        actions: [[`Relancer le titulaire sur les tickets en retard (semaine ${i + 1})`, day(offset + 7), i < 2]],
      }),
    );
  }
  meetingsToIssue.push(
    await meeting(ctx, tenantId, technical, day(-200), 'Rectorat de Lille', ['Bilan du semestre du guichet unique', 'Renouvellement du parc', 'Conventions de service avec les lycées'], {
      decision: 'Adopter la convention de service type collectivité ↔ lycée',
      actions: [['Diffuser la convention type aux chefs d’établissement', day(-170), true]],
    }),
    await meeting(ctx, tenantId, technical, day(-20), 'Siège de la Région, Lille', ['Bilan du semestre du guichet unique', 'Plan pluriannuel : exécution', 'Préparation du comité de pilotage'], {
      decision: 'Proposer au comité de pilotage le relèvement des liens à 100 Mbit/s',
      actions: [
        ['Chiffrer le relèvement des liens des lycées sous 100 Mbit/s', day(-5), false],
        ['Recenser les salles sans Wi-Fi', day(30), false],
      ],
    }),
    await meeting(ctx, tenantId, steering, day(-60), 'Hôtel de Région, Lille', ['Bilan annuel du schéma de cohérence', 'Plan numérique voté (PPI)', 'Gouvernance et conventions'], {
      decision: 'Reconduire le schéma de cohérence numérique pour l’année scolaire suivante',
      actions: [['Présenter le bilan aux conseils d’administration des lycées', day(-10), false]],
    }),
  );
  for (const id of meetingsToIssue) await writeDataPack(ctx, tenantId, id, 'Direction du numérique (démo)');
}

async function seedAgreements(ctx: Ctx, p: Parties, day: (offset: number) => string) {
  const createdAt = ctx.now();
  await ctx.db.insert(agreements).values([
    {
      tenantId: p.tenantId, kind: 'framework', title: 'Convention cadre du schéma de cohérence numérique', partyAId: p.tenantId, partyBId: p.academyId,
      establishmentId: null, validFrom: day(-700), validTo: day(760), createdAt,
      commitments: [
        { party: 'a', text: 'Équiper et maintenir les lycées (postes, réseau, Wi-Fi), porter le guichet unique' },
        { party: 'b', text: 'Former les enseignants et accompagner les usages pédagogiques' },
        { party: 'b', text: 'Assurer le support des logiciels pédagogiques et de l’ENT académique' },
      ],
      serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.9 }],
    },
    {
      tenantId: p.tenantId, kind: 'academy-authority', title: 'Convention de service Académie ↔ Région (assistance de niveau 2)', partyAId: p.academyId, partyBId: p.tenantId,
      establishmentId: null, validFrom: day(-365), validTo: null, createdAt,
      commitments: [{ party: 'a', text: 'Prendre en charge les tickets de logiciels pédagogiques sous 4 heures ouvrées' }],
      serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.85 }],
    },
    {
      tenantId: p.tenantId, kind: 'authority-establishment', title: 'Convention de service Région ↔ lycée (démo)', partyAId: p.tenantId, partyBId: null,
      establishmentId: p.firstSchoolId, validFrom: day(-300), validTo: null, createdAt,
      commitments: [
        { party: 'a', text: 'Résoudre les pannes de postes sous deux jours ouvrés' },
        { party: 'b', text: 'Désigner un référent numérique et déclarer les pannes au guichet unique' },
      ],
      serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.9 }],
    },
  ]);
}

async function body(ctx: Ctx, p: Parties, values: { kind: string; name: string; cadence: string; unanimity: boolean }, members: Member[]) {
  const [row] = await ctx.db.insert(bodies).values({ ...values, tenantId: p.tenantId, createdAt: ctx.now() }).returning();
  const inserted = await ctx.db
    .insert(bodyMembers)
    .values(members.map(([name, title, forAcademy]) => ({ tenantId: p.tenantId, bodyId: row.id, name, title, organizationId: forAcademy ? p.academyId : p.tenantId })))
    .returning();
  return { id: row.id, unanimity: values.unanimity, members: inserted.map((m) => m.id) };
}

/** A past meeting: everyone present but the last member, one decision voted, its actions. */
async function meeting(
  ctx: Ctx,
  tenantId: string,
  b: { id: string; unanimity: boolean; members: string[] },
  heldOn: string,
  place: string,
  agenda: string[],
  o: { decision: string | null; actions: [string, string, boolean][] },
) {
  const present = b.members.length > 3 ? b.members.slice(0, -1) : b.members;
  const [m] = await ctx.db
    .insert(meetings)
    .values({ tenantId, bodyId: b.id, heldOn, place, agenda, attendance: present, minutes: `Réunion tenue le ${heldOn}. Les points de l'ordre du jour ont été examinés ; les décisions et actions sont ci-dessous.` })
    .returning();
  if (o.decision) {
    const cast = present.map((memberId, i) => ({ memberId, choice: (i === present.length - 1 && !b.unanimity ? 'abstain' : 'for') as 'for' | 'abstain' }));
    const [d] = await ctx.db
      .insert(decisions)
      .values({ tenantId, meetingId: m.id, title: o.decision, status: decisionOutcome(present, cast, b.unanimity), closedAt: new Date(`${heldOn}T12:00:00Z`) })
      .returning();
    await ctx.db.insert(votes).values(cast.map((v) => ({ tenantId, decisionId: d.id, ...v })));
  }
  if (o.actions.length) {
    await ctx.db.insert(followUps).values(
      o.actions.map(([title, dueOn, done], i) => ({ tenantId, meetingId: m.id, title, ownerMemberId: b.members[i % b.members.length], dueOn, doneOn: done ? (dueOn < parisDay(ctx.now()) ? dueOn : parisDay(ctx.now())) : null })),
    );
  }
  return m.id;
}
