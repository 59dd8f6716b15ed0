import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { priceItemsInForce } from '../../marches/index.js';
import { costReferences } from '../db/schema.js';
import { parisDate } from '../indicators/assess.js';
import { defaultUnitCostsCents, operationKinds, operationLabels, type OperationKind } from './propose.js';

export interface UnitCost {
  kind: OperationKind;
  cents: number;
  source: 'contract' | 'reference';
  /** What the figure is: the contract's price item, the tenant's reference, or the default. */
  basis: string;
  lotId: string | null;
  priceItemCode: string | null;
}

/**
 * Each operation kind's unit cost: the contract's price item in force today where a reference names
 * one (excluding tax, as the orders count it), else the tenant's reference, else the default.
 */
export async function unitCosts(ctx: Ctx, tenantId: string): Promise<Record<OperationKind, UnitCost>> {
  const refs = await ctx.db.select().from(costReferences).where(eq(costReferences.tenantId, tenantId));
  const today = parisDate(ctx.now());
  const costs = {} as Record<OperationKind, UnitCost>;
  const lists = new Map<string, Awaited<ReturnType<typeof priceItemsInForce>>>();
  for (const kind of operationKinds) {
    const ref = refs.find((r) => r.kind === kind);
    if (ref?.lotId && ref.priceItemCode) {
      if (!lists.has(ref.lotId)) lists.set(ref.lotId, await priceItemsInForce(ctx.db, tenantId, ref.lotId, today));
      const item = lists.get(ref.lotId)!.find((i) => i.code === ref.priceItemCode);
      if (item) {
        costs[kind] = { kind, cents: item.unitPriceExclTaxCents, source: 'contract', basis: `Bordereau de prix (révision ${item.revision}) : ${item.code}, ${item.label}`, lotId: ref.lotId, priceItemCode: item.code };
        continue;
      }
    }
    costs[kind] = ref
      ? { kind, cents: ref.unitCostCents, source: 'reference', basis: `Coût de référence : ${ref.label}`, lotId: ref.lotId, priceItemCode: ref.priceItemCode }
      : { kind, cents: defaultUnitCostsCents[kind], source: 'reference', basis: `Coût de référence par défaut : ${operationLabels[kind]}`, lotId: null, priceItemCode: null };
  }
  return costs;
}
