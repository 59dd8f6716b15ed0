import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { serviceLevelsBySchool, withinAgreement } from '../../../guichet/index.js';
import { agreements, bodies, followUps, meetings } from '../db/schema.js';
import { isOverdue } from '../rules.js';
import { number, percent, type PackSection } from './sections.js';

/**
 * The sections of a data pack, each read live from the module that knows the figure: the desk's
 * service levels (guichet's index), the fleet (parc's published view), the agreements' targets
 * and the actions followed (this module). No figure is typed in.
 */
export interface PackContext {
  ctx: Ctx;
  tenantId: string;
  from: Date;
  to: Date;
}

const categoryLabels: Record<string, string> = {
  devices: 'Parc informatique',
  infrastructure: 'Réseau et Wi-Fi',
  security: 'Sécurité',
  ent: 'ENT',
  'digital-resources': 'Ressources numériques',
  'pedagogical-software': 'Logiciels pédagogiques',
};

export async function serviceLevelSection(p: PackContext): Promise<PackSection> {
  const levels = await serviceLevelsBySchool(p.ctx.db, { tenantId: p.tenantId, establishmentIds: null, from: p.from, to: p.to });
  const all = withinAgreement(levels);
  const categories = [...new Set(levels.map((l) => l.category ?? ''))].sort();
  return {
    title: 'Niveaux de service du guichet unique',
    rows: [
      ['Tickets ouverts sur la période', number(all.opened)],
      ['Tickets jugés (résolus, ou ouverts et en retard)', number(all.measured)],
      ['Part résolue dans les délais', percent(all.withinRate)],
    ],
    bars: categories.map((c) => {
      const share = withinAgreement(levels.filter((l) => (l.category ?? '') === c)).withinRate;
      return { label: categoryLabels[c] ?? (c || 'Sans catégorie'), value: share ?? 0 };
    }),
  };
}

export async function fleetSection(p: PackContext): Promise<PackSection> {
  const [fleet] = await rows<{ total: number; young: number; warranty: number; displays: number }>(
    p.ctx.db,
    sql`select count(*)::int as total,
               count(*) filter (where purchase_date > (${p.to}::timestamptz - interval '5 years')::date)::int as young,
               count(*) filter (where warranty_end >= ${p.to}::timestamptz::date)::int as warranty,
               count(*) filter (where class = 'interactive-display')::int as displays
          from parc.assets_view where tenant_id = ${p.tenantId} and status = 'in-service'`,
  );
  const share = (n: number) => (fleet.total === 0 ? null : n / fleet.total);
  return {
    title: 'Parc en service',
    rows: [
      ['Équipements en service', number(fleet.total)],
      ['Dont de moins de 5 ans', percent(share(fleet.young))],
      ['Dont sous garantie', percent(share(fleet.warranty))],
      ['Écrans interactifs', number(fleet.displays)],
    ],
    bars: [
      { label: 'Moins de 5 ans', value: share(fleet.young) ?? 0 },
      { label: 'Sous garantie', value: share(fleet.warranty) ?? 0 },
    ],
  };
}

export async function agreementSection(p: PackContext): Promise<PackSection> {
  const list = await p.ctx.db.select().from(agreements).where(eq(agreements.tenantId, p.tenantId));
  const bars = [];
  for (const a of list) {
    const measured = withinAgreement(
      await serviceLevelsBySchool(p.ctx.db, { tenantId: p.tenantId, establishmentIds: a.establishmentId ? [a.establishmentId] : null, from: p.from, to: p.to }),
    );
    for (const level of a.serviceLevels) bars.push({ label: a.title, value: measured.withinRate ?? 0, target: level.target });
  }
  return {
    title: 'Conventions : engagements de service',
    rows: [
      ['Conventions en vigueur', number(list.length)],
      ['Engagements pris', number(list.reduce((s, a) => s + a.commitments.length, 0))],
    ],
    bars,
    note: 'Barre : part des tickets résolus dans les délais ; trait : cible de la convention.',
  };
}

export async function actionSection(p: PackContext, bodyId: string): Promise<PackSection> {
  const list = await p.ctx.db
    .select({ title: followUps.title, dueOn: followUps.dueOn, doneOn: followUps.doneOn })
    .from(followUps)
    .innerJoin(meetings, and(eq(meetings.tenantId, followUps.tenantId), eq(meetings.id, followUps.meetingId)))
    .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
    .where(and(eq(followUps.tenantId, p.tenantId), eq(bodies.id, bodyId)));
  const overdue = list.filter((f) => isOverdue(f, p.to));
  return {
    title: "Suivi des actions de l'instance",
    rows: [
      ['Actions décidées', number(list.length)],
      ['Faites', number(list.filter((f) => f.doneOn).length)],
      ['En retard', number(overdue.length)],
      ...overdue.slice(0, 8).map((f): [string, string] => [`En retard : ${f.title}`, `échéance ${f.dueOn}`]),
    ],
  };
}
