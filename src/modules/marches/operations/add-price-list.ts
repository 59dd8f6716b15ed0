import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { requireManageFor } from '../contract-access.js';
import { loadLot } from '../contract-store.js';
import { priceItems, priceLists } from '../db/schema.js';
import type { PriceListInput } from './contract.input.js';
import { checkCpvListed } from './create-contract.js';

/**
 * A new version of a lot's price list (BPU), in force from its date until the next one. Versions
 * are appended: one dated on or before the latest version would rewrite prices orders already
 * used, so it is refused. Concurrent revisions: the unique (lot, revision) lets one win.
 */
export async function addPriceList(ctx: Ctx, lotId: string, input: PriceListInput): Promise<{ id: string; revision: number }> {
  const { lot, contract } = await loadLot(ctx, lotId, 'contract.manage');
  requireManageFor(ctx.actor!, contract.buyerOrganizationId);
  const codes = new Set<string>();
  input.items.forEach((item, i) => {
    if (codes.has(item.code)) throw new AppError('VALIDATION', `Le code de prix ${item.code} figure deux fois.`, { issues: [{ path: `items.${i}.code`, message: 'Code en double.' }] });
    codes.add(item.code);
    if (item.cpvCode) checkCpvListed(item.cpvCode, `items.${i}.cpvCode`);
  });
  const [latest] = await ctx.db
    .select({ revision: priceLists.revision, validFrom: priceLists.validFrom })
    .from(priceLists)
    .where(and(eq(priceLists.tenantId, lot.tenantId), eq(priceLists.lotId, lot.id)))
    .orderBy(desc(priceLists.revision))
    .limit(1);
  if (latest && input.validFrom <= latest.validFrom) {
    throw new AppError('CONFLICT', `La révision doit prendre effet après la précédente (en vigueur depuis le ${latest.validFrom.split('-').reverse().join('/')}) : un bordereau publié ne se réécrit pas.`, {
      issues: [{ path: 'validFrom', message: 'Date antérieure à la version en vigueur.' }],
    });
  }
  const revision = (latest?.revision ?? 0) + 1;
  return ctx.db.transaction(async (tx) => {
    const [list] = await tx.insert(priceLists).values({ tenantId: lot.tenantId, lotId: lot.id, revision, validFrom: input.validFrom, note: input.note }).returning({ id: priceLists.id });
    await tx.insert(priceItems).values(input.items.map((item) => ({ ...item, tenantId: lot.tenantId, lotId: lot.id, priceListId: list.id })));
    await recordAudit(ctx, tx, [{ tenantId: lot.tenantId, action: 'price-list.create', entityType: 'lot', entityId: lot.id, after: { revision, validFrom: input.validFrom, items: input.items.length } }]);
    return { id: list.id, revision };
  });
}
