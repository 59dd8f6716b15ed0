/** Contracts and purchasing groups (marchés): what other modules, the demo seed and the CLI may use. */
export { marchesModule } from './module.js';
export { priceItemsInForce, type PriceItemInForce } from './price-lists.js';
export { lotCeiling, remainingCents, termEnd, totalMonths, noSpending, type LotCeiling, type LotSpending } from './ceilings.js';
export { currentSiteLinks, currentSiteLinkSql, type CurrentSiteLink } from './links/current-site-links.js';
export { lotSpending } from './orders/lot-spending.js';
export { createPurchaseOrder, createOrderInput } from './orders/operations/create-purchase-order.js';
export { orderFiguresByEstablishment, type EstablishmentOrderFigures } from './orders/establishment-orders.js';
export { lotIdByReference } from './lot-lookup.js';
