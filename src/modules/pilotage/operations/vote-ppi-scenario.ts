import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { ppiFinancingLines, ppiOperations, ppiScenarios, targetProfileVersions } from '../db/schema.js';
import { yearsOverCeiling } from '../ppi/schedule.js';
import { assertDraft, loadScenario } from './ppi-store.js';

/**
 * Records the vote: the scenario and the target versions it was built on are frozen. Refused when
 * a year is over its ceiling or a scheduled operation's financing does not add up to its cost.
 */
export async function votePpiScenario(ctx: Ctx, scenarioId: string): Promise<void> {
  authorize(ctx.actor, 'ppi.vote');
  const tenantId = ctx.actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const scenario = await loadScenario(tx, tenantId, scenarioId, true);
    assertDraft(scenario);
    const ops = await rows<{ id: string; year: number | null; costCents: number; profileVersionId: string | null; financed: number }>(
      tx,
      sql`select o.id, o.year, o.cost_cents::float8 as "costCents", o.profile_version_id as "profileVersionId",
                 coalesce((select sum(l.amount_cents) from ${ppiFinancingLines} l where l.tenant_id = o.tenant_id and l.operation_id = o.id), 0)::float8 as financed
            from ${ppiOperations} o where o.tenant_id = ${tenantId} and o.scenario_id = ${scenarioId}`,
    );
    if (yearsOverCeiling(ops, scenario.startYear, scenario.yearlyCeilingsCents).length) throw new AppError('VALIDATION', 'Une année du scénario dépasse son plafond : il ne peut pas être voté.');
    const unfunded = ops.filter((o) => o.year !== null && o.financed !== o.costCents);
    if (unfunded.length) throw new AppError('VALIDATION', `${unfunded.length} opération(s) programmée(s) n’ont pas un financement égal à leur coût : le scénario ne peut pas être voté.`);
    const now = ctx.now();
    await tx.update(ppiScenarios).set({ status: 'voted', votedAt: now, version: sql`${ppiScenarios.version} + 1` }).where(and(eq(ppiScenarios.tenantId, tenantId), eq(ppiScenarios.id, scenarioId)));
    const versions = [...new Set(ops.map((o) => o.profileVersionId).filter((v): v is string => v !== null))];
    if (versions.length) {
      await tx.update(targetProfileVersions).set({ frozenAt: now }).where(and(eq(targetProfileVersions.tenantId, tenantId), inArray(targetProfileVersions.id, versions), isNull(targetProfileVersions.frozenAt)));
    }
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ppi-scenario', entityId: scenarioId, before: { status: 'draft' }, after: { status: 'voted', frozenTargetVersions: versions.length } }]);
  });
}
