import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { ppiOperations, ppiScenarios } from '../db/schema.js';
import { assessSchools } from '../indicators/assess.js';
import { loadProfileCatalogue } from '../indicators/profiles.js';
import { proposeOperations } from '../ppi/propose.js';
import { unitCosts } from '../ppi/unit-costs.js';
import { scheduleOperations } from '../ppi/schedule.js';
import type { createScenarioInput } from './ppi.input.js';
import { loadScenario } from './ppi-store.js';

/**
 * A scenario: the works that close every school's measured gaps, priced, prioritised by gap and
 * equity, and placed year by year under the scenario's ceilings (what no year holds stays unscheduled).
 */
export async function createPpiScenario(ctx: Ctx, input: z.infer<typeof createScenarioInput>): Promise<{ id: string }> {
  authorize(ctx.actor, 'ppi.manage');
  const tenantId = ctx.actor.tenantId;
  if (input.baselineId) {
    const baseline = await loadScenario(ctx.db, tenantId, input.baselineId);
    if (baseline.status !== 'voted') throw new AppError('VALIDATION', 'Le scénario de référence doit être une version votée.');
  }
  const assessments = await assessSchools(ctx.db, tenantId, sql`true`, await loadProfileCatalogue(ctx.db, tenantId), ctx.now());
  const costs = await unitCosts(ctx, tenantId);
  const proposed = assessments.flatMap(proposeOperations).map((op, index) => ({
    ...op,
    key: String(index),
    unitCostCents: costs[op.kind].cents,
    costCents: costs[op.kind].cents * op.quantity,
    costSource: costs[op.kind].source,
    costBasis: costs[op.kind].basis,
  }));
  const years = scheduleOperations(proposed, input.startYear, input.yearlyCeilingsCents);
  return ctx.db.transaction(async (tx) => {
    const [scenario] = await tx
      .insert(ppiScenarios)
      .values({ tenantId, name: input.name, startYear: input.startYear, yearCount: input.yearCount, yearlyCeilingsCents: input.yearlyCeilingsCents, baselineId: input.baselineId })
      .onConflictDoNothing()
      .returning({ id: ppiScenarios.id });
    if (!scenario) throw new AppError('CONFLICT', `Un scénario « ${input.name} » existe déjà.`);
    for (let i = 0; i < proposed.length; i += 1000) {
      await tx.insert(ppiOperations).values(
        proposed.slice(i, i + 1000).map(({ key, ...op }) => ({
          tenantId,
          scenarioId: scenario.id,
          establishmentId: op.establishmentId,
          kind: op.kind,
          indicatorCode: op.indicatorCode,
          quantity: op.quantity,
          unitCostCents: op.unitCostCents,
          costCents: op.costCents,
          costSource: op.costSource,
          costBasis: op.costBasis,
          priority: op.priority,
          year: years.get(key) ?? null,
          profileVersionId: op.profileVersionId,
        })),
      );
    }
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'ppi-scenario', entityId: scenario.id, after: { ...input, operations: proposed.length } }]);
    return scenario;
  });
}
