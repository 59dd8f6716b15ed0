import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { readPage } from '../../../server/platform/page.js';
import { ppiFinancingLines, ppiOperations, ppiScenarios } from '../db/schema.js';
import { steeringSchools } from '../indicators/schools.js';
import { scenarioFigures, type ScenarioFigures } from '../ppi/compare.js';
import { loadScenario, type Scenario } from './ppi-store.js';

export interface ScenarioSummary {
  scenario: Scenario;
  figures: ScenarioFigures;
  financing: { source: string; partnerName: string | null; amountCents: number }[];
}

export async function listPpiScenarios(ctx: Ctx): Promise<Scenario[]> {
  authorize(ctx.actor, 'ppi.read');
  return ctx.db.select().from(ppiScenarios).where(eq(ppiScenarios.tenantId, ctx.actor.tenantId)).orderBy(desc(ppiScenarios.createdAt), asc(ppiScenarios.name));
}

/** Scenarios side by side: per year the spending and the schools whose works are done, equity, financing by source. */
export async function comparePpiScenarios(ctx: Ctx, ids: readonly string[]): Promise<ScenarioSummary[]> {
  authorize(ctx.actor, 'ppi.read');
  const tenantId = ctx.actor.tenantId;
  const schools = await steeringSchools(ctx.db, tenantId, sql`true`);
  const summaries: ScenarioSummary[] = [];
  for (const id of ids) {
    const scenario = await loadScenario(ctx.db, tenantId, id);
    const ops = await ctx.db
      .select({ establishmentId: ppiOperations.establishmentId, year: ppiOperations.year, costCents: ppiOperations.costCents })
      .from(ppiOperations)
      .where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, id)));
    const financing = await rows<{ source: string; partnerName: string | null; amountCents: number }>(
      ctx.db,
      sql`select l.source, l.partner_name as "partnerName", sum(l.amount_cents)::float8 as "amountCents"
            from ${ppiFinancingLines} l join ${ppiOperations} o on o.tenant_id = l.tenant_id and o.id = l.operation_id
           where l.tenant_id = ${tenantId} and o.scenario_id = ${id} group by l.source, l.partner_name order by 3 desc`,
    );
    summaries.push({ scenario, figures: scenarioFigures(ops, scenario.startYear, scenario.yearlyCeilingsCents, schools), financing });
  }
  return summaries;
}

export interface OperationRow {
  id: string;
  uai: string;
  name: string;
  kind: string;
  indicatorCode: string;
  quantity: number;
  unitCostCents: number;
  costCents: number;
  costSource: string;
  costBasis: string | null;
  priority: number;
  year: number | null;
  financedCents: number;
  financing: { source: string; partnerName: string | null; amountCents: number }[];
  version: number;
}

/** Which of a scenario's operations a list or its export shows: one year of the plan, those out of it, or all. */
export interface OperationFilter {
  year?: number | 'unscheduled' | undefined;
}

const operationWhere = (tenantId: string, scenarioId: string, filter: OperationFilter): SQL =>
  filter.year === undefined
    ? sql`o.tenant_id = ${tenantId} and o.scenario_id = ${scenarioId}`
    : filter.year === 'unscheduled'
      ? sql`o.tenant_id = ${tenantId} and o.scenario_id = ${scenarioId} and o.year is null`
      : sql`o.tenant_id = ${tenantId} and o.scenario_id = ${scenarioId} and o.year = ${filter.year}`;

/** Operations under the filter, highest priority first, with their financing lines and how much of each is financed. */
export function readOperationRows(db: Ctx['db'], tenantId: string, scenarioId: string, filter: OperationFilter, limit: number, offset: number): Promise<OperationRow[]> {
  return rows<OperationRow>(
    db,
    sql`select o.id, e.uai, e.name, o.kind, o.indicator_code as "indicatorCode", o.quantity, o.unit_cost_cents::float8 as "unitCostCents",
               o.cost_cents::float8 as "costCents", o.cost_source as "costSource", o.cost_basis as "costBasis", o.priority, o.year, o.version,
               coalesce((select sum(l.amount_cents) from ${ppiFinancingLines} l where l.tenant_id = o.tenant_id and l.operation_id = o.id), 0)::float8 as "financedCents",
               coalesce((select json_agg(json_build_object('source', l.source, 'partnerName', l.partner_name, 'amountCents', l.amount_cents) order by l.amount_cents desc)
                           from ${ppiFinancingLines} l where l.tenant_id = o.tenant_id and l.operation_id = o.id), '[]'::json) as financing
          from ${ppiOperations} o join referentiel.establishments_view e on e.tenant_id = o.tenant_id and e.id = o.establishment_id
         where ${operationWhere(tenantId, scenarioId, filter)}
         order by o.priority desc, e.uai, o.kind, o.id limit ${limit} offset ${offset}`,
  );
}

/** One server page of a scenario's operations under the filter, with the filter's total. */
export async function listPpiOperations(ctx: Ctx, scenarioId: string, query: OperationFilter & { page: number; pageSize: number }) {
  authorize(ctx.actor, 'ppi.read');
  const tenantId = ctx.actor.tenantId;
  await loadScenario(ctx.db, tenantId, scenarioId);
  return readPage(
    query,
    {
      total: async () => (await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from ${ppiOperations} o where ${operationWhere(tenantId, scenarioId, query)}`))[0]!.n,
      rows: (limit, offset) => readOperationRows(ctx.db, tenantId, scenarioId, query, limit, offset),
    },
    (row) => row,
  );
}
