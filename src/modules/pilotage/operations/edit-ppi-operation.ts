import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import { assertVersion } from '../../../server/platform/versioned-update.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { ppiFinancingLines, ppiOperations } from '../db/schema.js';
import { splitCents, yearsOverCeiling } from '../ppi/schedule.js';
import type { moveOperationInput, setFinancingInput, splitFinancingInput } from './ppi.input.js';
import { assertDraft, loadScenario } from './ppi-store.js';

const euros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

/** Moves an operation to another year (or out of the plan); refused when that year would go over its ceiling. */
export async function moveOperation(ctx: Ctx, scenarioId: string, operationId: string, input: z.infer<typeof moveOperationInput>): Promise<{ version: number }> {
  authorize(ctx.actor, 'ppi.manage');
  const tenantId = ctx.actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const scenario = await loadScenario(tx, tenantId, scenarioId, true);
    assertDraft(scenario);
    if (input.year !== null && (input.year < scenario.startYear || input.year >= scenario.startYear + scenario.yearCount)) {
      throw new AppError('VALIDATION', `L’année ${input.year} est hors du plan (${scenario.startYear}–${scenario.startYear + scenario.yearCount - 1}).`);
    }
    const all = await tx.select({ id: ppiOperations.id, year: ppiOperations.year, costCents: ppiOperations.costCents, version: ppiOperations.version }).from(ppiOperations).where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, scenarioId)));
    const current = all.find((o) => o.id === operationId);
    if (!current) throw notFound('Opération du PPI');
    assertVersion(current, input.version);
    const over = yearsOverCeiling(all.map((o) => (o.id === operationId ? { ...o, year: input.year } : o)), scenario.startYear, scenario.yearlyCeilingsCents);
    if (over.length) {
      const year = over[0];
      throw new AppError('VALIDATION', `Le plafond de ${year} (${euros(scenario.yearlyCeilingsCents[year - scenario.startYear])}) serait dépassé : rien n’a été modifié.`, { details: { years: over } });
    }
    await tx.update(ppiOperations).set({ year: input.year, version: sql`${ppiOperations.version} + 1` }).where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.id, operationId)));
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ppi-operation', entityId: operationId, before: { year: current.year }, after: { year: input.year } }]);
    return { version: current.version + 1 };
  });
}

/** Replaces an operation's financing; the lines must add up to its cost exactly, else nothing changes (400). */
export async function setOperationFinancing(ctx: Ctx, scenarioId: string, operationId: string, input: z.infer<typeof setFinancingInput>): Promise<void> {
  authorize(ctx.actor, 'ppi.manage');
  const tenantId = ctx.actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    assertDraft(await loadScenario(tx, tenantId, scenarioId, true));
    const [op] = await tx.select().from(ppiOperations).where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, scenarioId), eq(ppiOperations.id, operationId)));
    if (!op) throw notFound('Opération du PPI');
    const total = input.lines.reduce((sum, l) => sum + l.amountCents, 0);
    if (total !== op.costCents) {
      throw new AppError('VALIDATION', `Les lignes de financement (${euros(total)}) ne font pas le coût de l’opération (${euros(op.costCents)}).`, { details: { totalCents: total, costCents: op.costCents } });
    }
    if (input.lines.some((l) => l.source === 'partner' && !l.partnerName)) throw new AppError('VALIDATION', 'Nommez le partenaire de chaque ligne « partenaire ».');
    await tx.delete(ppiFinancingLines).where(and(eq(ppiFinancingLines.tenantId, tenantId), eq(ppiFinancingLines.operationId, operationId)));
    await tx.insert(ppiFinancingLines).values(input.lines.map((l) => ({ tenantId, operationId, source: l.source, partnerName: l.partnerName, amountCents: l.amountCents })));
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ppi-financing', entityId: operationId, after: input.lines }]);
  });
}

/** Finances every operation of a scenario by the same shares, in whole cents that add up to each cost. */
export async function splitScenarioFinancing(ctx: Ctx, scenarioId: string, input: z.infer<typeof splitFinancingInput>): Promise<{ operations: number }> {
  authorize(ctx.actor, 'ppi.manage');
  const tenantId = ctx.actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    assertDraft(await loadScenario(tx, tenantId, scenarioId, true));
    const ops = await tx.select({ id: ppiOperations.id, costCents: ppiOperations.costCents }).from(ppiOperations).where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, scenarioId)));
    if (ops.length) await tx.delete(ppiFinancingLines).where(and(eq(ppiFinancingLines.tenantId, tenantId), inArray(ppiFinancingLines.operationId, ops.map((o) => o.id))));
    const lines = ops.flatMap((op) =>
      splitCents(op.costCents, input.shares.map((s) => s.percent)).map((amountCents, i) => ({ tenantId, operationId: op.id, source: input.shares[i].source, partnerName: input.shares[i].partnerName, amountCents })),
    );
    for (let i = 0; i < lines.length; i += 2000) await tx.insert(ppiFinancingLines).values(lines.slice(i, i + 2000));
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ppi-financing', entityId: scenarioId, after: input.shares }]);
    return { operations: ops.length };
  });
}
