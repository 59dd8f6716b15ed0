import { orderWorld, type OrderWorld } from '../../modules/marches/orders/testing.js';
import type { TestApp } from '../app.js';
import { asAdmin, unique, type Caller, type Expect } from '../authz-matrix.js';

/** Orders, budgets, links and resources of the marchés module: role groups and records of A for the matrix. */

/** Who reads the sites' links (link.read), each within their schools. */
export const linkReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'auditor'];
/** Who records and corrects links and the school's share (link.manage). */
export const linkManagers: readonly Caller[] = ['authority-admin'];

/** A link of one school of unit 1 (every reader reaches it) or of unit 2 (the technician, the school and the Académie de Lille do not). */
export const linkOfOneSchool: { unit1: Expect; unit2: Expect } = {
  unit1: { ...Object.fromEntries(linkReaders.map((c) => [c, 200])), recordOfA: true },
  unit2: { ...Object.fromEntries(linkReaders.map((c) => [c, 200])), technician: 404, 'establishment-staff': 404, 'academy-staff': 404, recordOfA: true },
};

let day = 0;
/** A day later than every one given before: each new link of a school opens a new period. */
export const laterDay = () => new Date(Date.UTC(2020, 0, 1 + ++day)).toISOString().slice(0, 10);

/** A fresh link period for a school of A. */
export async function linkOfA(t: TestApp, uai: string): Promise<{ id: string; version: number }> {
  const startDate = laterDay();
  return asAdmin(t, 'POST', '/api/site-links', {
    uai,
    operator: unique('Opérateur'),
    technology: 'fibre',
    symmetric: true,
    downMbps: 100,
    upMbps: 100,
    monthlyCostCents: 60_000,
    startDate,
  });
}

/** Who reads orders, budgets and consumption (order.read): each within what they reach. */
export const orderReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor'];
/** Who places orders for its organization (order.place). */
export const orderPlacers: readonly Caller[] = ['authority-admin', 'academy-staff'];
/** Who manages budget lines, delegations, invoices (budget.manage). */
export const budgetManagers: readonly Caller[] = ['authority-admin'];
/** Who records deliveries as the holder (order.fulfil). */
export const orderFulfillers: readonly Caller[] = ['authority-admin', 'contractor'];

const worlds = new WeakMap<TestApp, Promise<OrderWorld>>();
/** A notified contract of A's group (the Région and the Académie), held by the matrix's contractor organization. */
export function ordersWorldOfA(t: TestApp): Promise<OrderWorld> {
  let known = worlds.get(t);
  if (!known) {
    known = orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1e12, budgetCents: 1e12 });
    worlds.set(t, known);
  }
  return known;
}

/** A fresh order of the Région for a school of A, moved to a state (sent: the holder sees it). */
export async function orderOfA(t: TestApp, uai: string, state: 'draft' | 'sent' | 'delivered' = 'draft'): Promise<{ id: string; version: number }> {
  const w = await ordersWorldOfA(t);
  let order = await asAdmin(t, 'POST', '/api/purchase-orders', { contractId: w.contractId, lotId: w.lot1, lines: [{ priceItemId: w.items.pc, quantity: 1, uai }] });
  if (state === 'draft') return order;
  order = await asAdmin(t, 'POST', `/api/purchase-orders/${order.id}/status`, { status: 'signed', version: order.version });
  order = await asAdmin(t, 'POST', `/api/purchase-orders/${order.id}/status`, { status: 'sent', version: order.version });
  if (state === 'sent') return order;
  const delivered = await asAdmin(t, 'POST', `/api/purchase-orders/${order.id}/deliveries`, { lines: [{ priceItemId: w.items.pc, serials: [unique('MX')] }] });
  return delivered.order;
}
