import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { maxExportRows, type ExportSource } from '../../../../server/platform/export.js';
import { organizationsView } from '../../../referentiel/index.js';
import { lots } from '../../db/schema.js';
import { deliveries, purchaseOrders } from '../db/schema.js';
import { orderReadWhere } from '../order-access.js';
import { findConsumption } from './find-consumption.js';
import { orderListColumns, ordersWhere } from './find-orders.js';
import { orderStatusLabels, type FindOrdersInput, type OrderStatus } from './order.input.js';

const euros = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2).replace('.', ','));

export async function exportOrders(ctx: Ctx, input: Omit<FindOrdersInput, 'page' | 'pageSize'>) {
  const rows = await ctx.db
    .select(orderListColumns)
    .from(purchaseOrders)
    .innerJoin(organizationsView, eq(organizationsView.tenantId, purchaseOrders.memberOrganizationId))
    .innerJoin(lots, and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId)))
    .where(ordersWhere(ctx, input))
    .orderBy(desc(purchaseOrders.createdAt))
    .limit(maxExportRows);
  const source: ExportSource<(typeof rows)[number]> = {
    basename: 'bons-de-commande',
    sheetName: 'Commandes',
    rows,
    columns: [
      { header: 'Référence', value: (r) => r.order.reference },
      { header: 'Date', value: (r) => r.order.orderDate },
      { header: 'Membre', value: (r) => r.memberName },
      { header: 'Lot', value: (r) => `${r.lotNumber} — ${r.lotTitle}` },
      { header: 'Titulaire', value: (r) => r.holderName },
      { header: 'État', value: (r) => orderStatusLabels[r.order.status as OrderStatus] },
      { header: 'Quantité', value: (r) => r.order.totalQuantity },
      { header: 'Total HT (EUR)', value: (r) => euros(r.order.totalExclTaxCents) },
      { header: 'TVA (EUR)', value: (r) => euros(r.order.totalVatCents) },
      { header: 'Total TTC (EUR)', value: (r) => euros(r.order.totalInclTaxCents) },
    ],
  };
  return source;
}

export async function exportDeliveries(ctx: Ctx) {
  const rows = await ctx.db
    .select({ delivery: deliveries, reference: purchaseOrders.reference })
    .from(deliveries)
    .innerJoin(purchaseOrders, and(eq(purchaseOrders.tenantId, deliveries.tenantId), eq(purchaseOrders.id, deliveries.orderId)))
    .where(orderReadWhere(ctx))
    .orderBy(desc(deliveries.deliveredAt))
    .limit(maxExportRows);
  const source: ExportSource<(typeof rows)[number]> = {
    basename: 'livraisons',
    sheetName: 'Livraisons',
    rows,
    columns: [
      { header: 'Commande', value: (r) => r.reference },
      { header: 'Livrée le', value: (r) => r.delivery.deliveredAt.toISOString() },
      { header: 'Saisie', value: (r) => (r.delivery.source === 'file' ? 'fichier' : 'saisie') },
      { header: 'Équipements créés', value: (r) => r.delivery.deviceCount },
      { header: 'Enregistrée par', value: (r) => r.delivery.recordedBy },
    ],
  };
  return source;
}

export async function exportConsumption(ctx: Ctx, input: { contractId?: string; lotId?: string }) {
  const rows = await findConsumption(ctx, input);
  const source: ExportSource<(typeof rows)[number]> = {
    basename: 'consommation-marches',
    sheetName: 'Consommation',
    rows,
    columns: [
      { header: 'Marché', value: (r) => r.contractReference },
      { header: 'Lot', value: (r) => `${r.lotNumber} — ${r.lotTitle}` },
      { header: 'Membre', value: (r) => r.memberName },
      { header: 'Commandes', value: (r) => r.orders },
      { header: 'Engagé HT (EUR)', value: (r) => euros(r.committedCents) },
      { header: 'Consommé HT (EUR)', value: (r) => euros(r.consumedCents) },
      { header: 'Plafond du lot HT (EUR)', value: (r) => euros(r.maxAmountCents) },
      { header: 'Reste sur le lot HT (EUR)', value: (r) => euros(r.lotRemainingCents) },
    ],
  };
  return source;
}
