import { and, eq, isNotNull } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { orderFiguresByEstablishment } from '../../marches/index.js';
import { ppiOperations } from '../db/schema.js';
import { loadScenario } from './ppi-store.js';

export interface PpiExecution {
  scenarioId: string;
  years: { year: number; plannedCents: number; orderedCents: number; deliveredCents: number; invoicedCents: number; schoolsPlanned: number; schoolsOrdered: number }[];
  totals: { plannedCents: number; orderedCents: number; deliveredCents: number; invoicedCents: number };
  /** Ordered against planned (0..1+; null when nothing is planned). */
  orderedShare: number | null;
}

/**
 * How far a plan is carried out: for each of its years, what it planned at its schools against what
 * the contracts' orders placed for those same schools that year, delivered and invoiced (excl. tax).
 */
export async function getPpiExecution(ctx: Ctx, scenarioId: string): Promise<PpiExecution> {
  authorize(ctx.actor, 'ppi.read');
  return ppiExecution(ctx.db, ctx.actor.tenantId, scenarioId);
}

/** The figures without the caller's check: the data packs read them for a body's members. */
export async function ppiExecution(db: Db, tenantId: string, scenarioId: string): Promise<PpiExecution> {
  const scenario = await loadScenario(db, tenantId, scenarioId);
  const ops = await db
    .select({ establishmentId: ppiOperations.establishmentId, year: ppiOperations.year, costCents: ppiOperations.costCents })
    .from(ppiOperations)
    .where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, scenarioId), isNotNull(ppiOperations.year)));
  const lastYear = scenario.startYear + scenario.yearCount - 1;
  const orders = await orderFiguresByEstablishment(db, tenantId, [...new Set(ops.map((o) => o.establishmentId))], { from: `${scenario.startYear}-01-01`, to: `${lastYear + 1}-01-01` });
  const years: PpiExecution['years'] = [];
  for (let year = scenario.startYear; year <= lastYear; year++) {
    const planned = ops.filter((o) => o.year === year);
    const schools = new Set(planned.map((o) => o.establishmentId));
    const placed = orders.filter((o) => o.year === year && schools.has(o.establishmentId));
    const sum = (key: 'orderedCents' | 'deliveredCents' | 'invoicedCents') => placed.reduce((s, o) => s + o[key], 0);
    years.push({
      year,
      plannedCents: planned.reduce((s, o) => s + o.costCents, 0),
      orderedCents: sum('orderedCents'),
      deliveredCents: sum('deliveredCents'),
      invoicedCents: sum('invoicedCents'),
      schoolsPlanned: schools.size,
      schoolsOrdered: new Set(placed.map((o) => o.establishmentId)).size,
    });
  }
  const total = (key: 'plannedCents' | 'orderedCents' | 'deliveredCents' | 'invoicedCents') => years.reduce((s, y) => s + y[key], 0);
  const totals = { plannedCents: total('plannedCents'), orderedCents: total('orderedCents'), deliveredCents: total('deliveredCents'), invoicedCents: total('invoicedCents') };
  return { scenarioId, years, totals, orderedShare: totals.plannedCents ? Math.round((totals.orderedCents / totals.plannedCents) * 1000) / 1000 : null };
}
