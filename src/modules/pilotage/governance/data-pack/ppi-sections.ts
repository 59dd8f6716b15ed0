import { and, desc, eq, sql } from 'drizzle-orm';
import { rows } from '../../../../server/platform/db.js';
import { orderFiguresByEstablishment } from '../../../marches/index.js';
import { ppiFinancingLines, ppiOperations, ppiScenarios } from '../../db/schema.js';
import { steeringSchools } from '../../indicators/schools.js';
import { ppiExecution } from '../../operations/ppi-execution.js';
import type { PackContext } from './figures.js';
import { euros, percent, type PackSection } from './sections.js';

const sourceLabels: Record<string, string> = { own: 'Fonds propres', feder: 'FEDER', eib: 'Prêt BEI', partner: 'Partenaires' };

async function votedPlan(p: PackContext) {
  const [plan] = await p.ctx.db
    .select()
    .from(ppiScenarios)
    .where(and(eq(ppiScenarios.tenantId, p.tenantId), eq(ppiScenarios.status, 'voted')))
    .orderBy(desc(ppiScenarios.votedAt))
    .limit(1);
  return plan ?? null;
}

/** The voted PPI carried out: each year's planned works against the contracts' orders at its schools. */
export async function ppiExecutionSection(p: PackContext): Promise<PackSection> {
  const plan = await votedPlan(p);
  if (!plan) return { title: 'Exécution du PPI', rows: [['Plan voté', 'aucun']], note: 'Aucun scénario du PPI n’a encore été voté.' };
  const figures = await ppiExecution(p.ctx.db, p.tenantId, plan.id);
  return {
    title: `Exécution du PPI : ${plan.name}`,
    rows: [
      ['Voté le', plan.votedAt ? plan.votedAt.toISOString().slice(0, 10) : '—'],
      ['Programmé sur le plan', euros(figures.totals.plannedCents)],
      ['Commandé par les marchés (HT)', euros(figures.totals.orderedCents)],
      ['Livré', euros(figures.totals.deliveredCents)],
      ['Facturé ou payé', euros(figures.totals.invoicedCents)],
      ['Part commandée du programmé', percent(figures.orderedShare)],
    ],
    bars: figures.years.map((y) => ({ label: `${y.year} : commandé / programmé`, value: y.plannedCents ? Math.min(1, y.orderedCents / y.plannedCents) : 0 })),
    note: 'Commandes des marchés passées pour les établissements du plan, l’année où le plan les programme (hors commandes annulées ou en brouillon).',
  };
}

/** What was spent over the period (the orders at the tenant's schools) and how the voted plan is financed. */
export async function spendingSection(p: PackContext): Promise<PackSection> {
  const ids = (await steeringSchools(p.ctx.db, p.tenantId, sql`true`)).map((s) => s.id);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const next = new Date(p.to.getTime() + 24 * 3600 * 1000);
  const orders = await orderFiguresByEstablishment(p.ctx.db, p.tenantId, ids, { from: day(p.from), to: day(next) });
  const sum = (key: 'orderedCents' | 'deliveredCents' | 'invoicedCents') => orders.reduce((s, o) => s + o[key], 0);
  const plan = await votedPlan(p);
  const financing = plan
    ? await rows<{ source: string; amountCents: number }>(
        p.ctx.db,
        sql`select l.source, sum(l.amount_cents)::float8 as "amountCents"
              from ${ppiFinancingLines} l join ${ppiOperations} o on o.tenant_id = l.tenant_id and o.id = l.operation_id
             where l.tenant_id = ${p.tenantId} and o.scenario_id = ${plan.id} group by l.source order by 2 desc`,
      )
    : [];
  const total = financing.reduce((s, f) => s + f.amountCents, 0);
  return {
    title: 'Dépenses de la période et financement du plan',
    rows: [
      ['Commandé sur la période (HT)', euros(sum('orderedCents'))],
      ['Livré sur la période', euros(sum('deliveredCents'))],
      ['Facturé ou payé', euros(sum('invoicedCents'))],
      ['Établissements concernés', String(new Set(orders.map((o) => o.establishmentId)).size)],
      ...financing.map((f): [string, string] => [`Financement voté : ${sourceLabels[f.source] ?? f.source}`, euros(f.amountCents)]),
    ],
    bars: financing.map((f) => ({ label: sourceLabels[f.source] ?? f.source, value: total ? f.amountCents / total : 0 })),
  };
}
