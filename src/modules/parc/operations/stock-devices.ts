import { recordAudit } from '../../../server/platform/audit.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import type { AssetClass } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import { writePersonEvents } from './asset-history.js';

export interface StockDevicesInput {
  tenantId: string;
  assetClass: AssetClass;
  count: number;
  model: string | null;
  /** The order or convention they came with, kept on each device. */
  reference: string;
  receivedOn: string;
}

/**
 * Devices the authority receives into its own stock (no school yet): the pool a project's loan
 * takes from. Used by the campaigns' demo; run it inside the caller's transaction.
 */
export async function receiveStockDevices(ctx: AuthedCtx, tx: Db, input: StockDevicesInput): Promise<{ assetIds: string[] }> {
  const now = ctx.now();
  const rows = Array.from({ length: input.count }, (_, i) => {
    const name = `${input.reference}-${String(i + 1).padStart(3, '0')}`;
    return {
      tenantId: input.tenantId,
      assetClass: input.assetClass,
      status: 'in-stock',
      name,
      model: input.model,
      ownerKind: 'authority',
      orderReference: input.reference,
      purchaseDate: input.receivedOn,
      searchText: assetSearchText({ name }),
      createdAt: now,
      updatedAt: now,
    };
  });
  if (!rows.length) return { assetIds: [] };
  const created = await tx.insert(assets).values(rows).returning({ id: assets.id });
  await writePersonEvents(ctx, tx, created.map((c) => ({ assetId: c.id, kind: 'install' as const, summary: `Reçu en stock (${input.reference})` })));
  await recordAudit(ctx, tx, [{ tenantId: input.tenantId, action: 'create', entityType: 'asset', entityId: created[0].id, after: { stock: input.count, assetClass: input.assetClass, reference: input.reference } }]);
  return { assetIds: created.map((c) => c.id) };
}
