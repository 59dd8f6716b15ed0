import { multipartBody } from './multipart.js';
import { allowed, created, onSchools, unique, unit1School, unit2School, type MatrixEntry } from './authz-matrix.js';
import { budgetManagers, laterDay, linkManagers, linkOfA, linkOfOneSchool, linkReaders, orderFulfillers, orderOfA, orderPlacers, orderReaders, ordersWorldOfA } from './matrix-fixtures/marches-orders.js';


/** Network links, orders, budgets, deliveries and resources (marchés): their routes in the matrix. */
export const marchesOrdersMatrix: Record<string, MatrixEntry> = {
  listSiteLinks: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links' }) }] },
  exportSiteLinks: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/export', query: { format: 'csv' } }) }] },
  getSiteLinkSavings: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/savings' }) }] },
  getSiteLinkSettings: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/settings' }) }] },
  updateSiteLinkSettings: { cases: [{ expect: allowed(linkManagers, 200), request: () => ({ method: 'PUT', url: '/api/site-links/settings', payload: { schoolSharePercent: 50 } }) }] },
  recordSiteLink: {
    cases: onSchools(
      (_t, e) => ({
        method: 'POST',
        url: '/api/site-links',
        payload: { uai: e.uai, operator: unique('Opérateur'), technology: 'vdsl', symmetric: false, downMbps: 50, upMbps: 5, monthlyCostCents: 9_000, startDate: laterDay() },
      }),
      { unit1: allowed(linkManagers, 201, { recordOfA: true }), unit2: allowed(linkManagers, 201, { recordOfA: true }) },
    ),
  },
  getSiteLink: { cases: onSchools(async (t, e) => ({ url: `/api/site-links/${(await linkOfA(t, e.uai)).id}` }), linkOfOneSchool) },
  listSiteLinkChanges: { cases: onSchools(async (t, e) => ({ url: `/api/site-links/${(await linkOfA(t, e.uai)).id}/changes` }), linkOfOneSchool) },
  updateSiteLink: {
    cases: onSchools(
      async (t, e) => {
        const link = await linkOfA(t, e.uai);
        return { method: 'PATCH', url: `/api/site-links/${link.id}`, payload: { monthlyCostCents: 55_000, version: link.version } };
      },
      { unit1: allowed(linkManagers, 200, { recordOfA: true }), unit2: allowed(linkManagers, 200, { recordOfA: true }) },
    ),
  },
  // ------------------------------------------------------------ orders (a member sees its own; the holder what was sent to it)
  listPurchaseOrders: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/purchase-orders' }) }] },
  exportPurchaseOrders: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/purchase-orders/export', query: { format: 'csv' } }) }] },
  exportDeliveries: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/deliveries/export', query: { format: 'csv' } }) }] },
  listBudgetLines: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/budget-lines' }) }] },
  getMarchesConsumption: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/marches/consumption' }) }] },
  exportMarchesConsumption: { cases: [{ expect: allowed(orderReaders, 200), request: () => ({ url: '/api/marches/consumption/export', query: { format: 'csv' } }) }] },
  createPurchaseOrder: {
    cases: [
      {
        label: 'commande de la Région pour un lycée du secteur 1',
        // the Académie orders for itself: the Région's lycée of Lille is in its reach, so it orders it for its own account
        expect: { ...created(allowed(orderPlacers, 200)), 'admin-b': 404 },
        echoed: (t) => [unit1School(t).uai],
        request: async (t) => {
          const w = await ordersWorldOfA(t);
          return { method: 'POST', url: '/api/purchase-orders', payload: { contractId: w.contractId, lotId: w.lot1, lines: [{ priceItemId: w.items.setup, quantity: 1, uai: unit1School(t).uai }] } };
        },
      },
    ],
  },
  getPurchaseOrder: {
    cases: [
      {
        label: 'commande envoyée, lycée du secteur 2 (Amiens)',
        // the holder sees it once sent; the Académie, the technician and the Lille school do not
        expect: { ...allowed(orderReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'academy-staff'] }), recordOfA: true },
        request: async (t) => ({ url: `/api/purchase-orders/${(await orderOfA(t, unit2School(t).uai, 'sent')).id}` }),
      },
      {
        label: 'brouillon, lycée du secteur 1 (Lille)',
        expect: { ...allowed(orderReaders, 200, { outOfScope: ['contractor', 'academy-staff'] }), recordOfA: true },
        request: async (t) => ({ url: `/api/purchase-orders/${(await orderOfA(t, unit1School(t).uai)).id}` }),
      },
    ],
  },
  changePurchaseOrderStatus: {
    cases: [
      {
        label: 'signer un brouillon de la Région',
        expect: { 'authority-admin': 200, 'academy-staff': 404, recordOfA: true },
        request: async (t) => {
          const order = await orderOfA(t, unit1School(t).uai);
          return { method: 'POST', url: `/api/purchase-orders/${order.id}/status`, payload: { status: 'signed', version: order.version } };
        },
      },
    ],
  },
  acknowledgePurchaseOrder: {
    cases: [
      {
        label: 'accusé de réception d’une commande envoyée',
        expect: { ...allowed(orderFulfillers, 200), recordOfA: true },
        request: async (t) => ({ method: 'POST', url: `/api/purchase-orders/${(await orderOfA(t, unit2School(t).uai, 'sent')).id}/acknowledge` }),
      },
    ],
  },
  recordPurchaseOrderDelivery: {
    cases: [
      {
        label: 'livraison d’une commande envoyée',
        expect: { ...created(allowed(orderFulfillers, 200)), recordOfA: true },
        request: async (t) => {
          const w = await ordersWorldOfA(t);
          return { method: 'POST', url: `/api/purchase-orders/${(await orderOfA(t, unit2School(t).uai, 'sent')).id}/deliveries`, payload: { lines: [{ priceItemId: w.items.pc, serials: [unique('SN')] }] } };
        },
      },
    ],
  },
  uploadPurchaseOrderDelivery: {
    cases: [
      {
        label: 'fichier de livraison d’une commande envoyée',
        expect: { ...created(allowed(orderFulfillers, 200)), recordOfA: true },
        request: async (t) => {
          const body = multipartBody({ name: 'livraison.csv', bytes: Buffer.from(`code;numéro de série\nPC-FIXE;${unique('SN')}\n`), type: 'text/csv' });
          return { method: 'POST', url: `/api/purchase-orders/${(await orderOfA(t, unit2School(t).uai, 'sent')).id}/delivery-file`, payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  recordPurchaseOrderInvoice: {
    cases: [
      {
        label: 'facture d’une commande livrée',
        expect: { ...created(allowed(budgetManagers, 200)), recordOfA: true },
        request: async (t) => {
          const w = await ordersWorldOfA(t);
          return { method: 'POST', url: `/api/purchase-orders/${(await orderOfA(t, unit2School(t).uai, 'delivered')).id}/invoices`, payload: { number: unique('F'), invoiceDate: '2026-03-02', lines: [{ priceItemId: w.items.pc, quantity: 1, unitPriceExclTaxCents: 80_000 }] } };
        },
      },
    ],
  },
  createBudgetLine: {
    cases: [
      {
        expect: { ...created(allowed(budgetManagers, 200)), 'admin-b': 404 },
        request: (t) => ({ method: 'POST', url: '/api/budget-lines', payload: { memberOrganizationId: t.ids.academy.tenantId, year: 2027, fundingSource: 'feder', label: unique('FEDER'), ceilingCents: 100_000 } }),
      },
    ],
  },
  createOrderDelegation: {
    cases: [
      {
        expect: created(allowed(budgetManagers, 200)),
        request: (t) => ({ method: 'POST', url: '/api/order-delegations', payload: { memberOrganizationId: t.ids.academy.tenantId, delegateOrganizationId: t.ids.a.tenantId } }),
      },
    ],
  },
};
