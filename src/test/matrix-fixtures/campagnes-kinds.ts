import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { campaigns } from '../../modules/campagnes/db/schema.js';
import { acceptedRenewalFile, openKindCall, projectFile, renewalFile } from '../../modules/campagnes/renewal/testing.js';
import { budgetLines } from '../../modules/marches/orders/db/schema.js';
import { orderWorld, type OrderWorld } from '../../modules/marches/orders/testing.js';
import type { TestApp } from '../app.js';
import type { Caller } from '../authz-matrix.js';

/**
 * The renewal and project calls' records for the matrix: one call of each kind open today (no
 * envelope, so grants never run out), shared files for the callers who are refused, fresh ones
 * for those who change them.
 */

const once = <T>(make: (t: TestApp) => Promise<T>) => {
  const made = new WeakMap<TestApp, Promise<T>>();
  return (t: TestApp) => {
    let p = made.get(t);
    if (!p) {
      p = make(t);
      made.set(t, p);
    }
    return p;
  };
};

const today = () => DateTime.now().setZone('Europe/Paris');
const window = () => ({ opensOn: today().minus({ days: 1 }).toISODate()!, closesOn: today().plus({ months: 2 }).toISODate()! });
const term = () => ({ startsOn: today().plus({ months: 1 }).toISODate()!, endsOn: today().plus({ months: 5 }).toISODate()! });
const asked = [{ assetClass: 'desktop', requested: 2 }];

export const renewalCall = once((t) => openKindCall(t, 'renewal', 'matrice-renouvellement', { budgetCents: null, ...window() }));
export const projectCall = once((t) => openKindCall(t, 'project', 'matrice-projets', { budgetCents: null, ...window() }));

/** A contract lot with a price list in force and a budget line of this year for A. */
export const orderLot = once(async (t): Promise<OrderWorld> => {
  const w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1_000_000_000 });
  await t.ctx.db.insert(budgetLines).values({ tenantId: t.ids.a.tenantId, memberOrganizationId: t.ids.a.tenantId, year: today().year, fundingSource: 'own-budget', label: `Budget matrice ${today().year}`, ceilingCents: 1_000_000_000 });
  return w;
});

const sharedDraft = once(async (t) => renewalFile(t, (await renewalCall(t)).id, asked, 'brouillon'));
const sharedInReview = once(async (t) => renewalFile(t, (await renewalCall(t)).id, asked));
const sharedAccepted = once(async (t) => acceptedRenewalFile(t, (await renewalCall(t)).id, asked));
const sharedProjectDraft = once(async (t) => projectFile(t, (await projectCall(t)).id, 'brouillon', term()));
const sharedProjectAccepted = once(async (t) => projectFile(t, (await projectCall(t)).id, 'accepte', term()));

/** A renewal file to read (any state will do). */
export const readableRenewalFile = (t: TestApp) => sharedInReview(t);
/** A draft the school may edit: fresh for the school (its version moves), shared for the refused. */
export const renewalDraftFor = async (t: TestApp, caller: Caller) => (caller === 'establishment-staff' ? renewalFile(t, (await renewalCall(t)).id, asked, 'brouillon') : sharedDraft(t));
/** A file in review: fresh for those who grant. */
export const renewalInReviewFor = async (t: TestApp, caller: Caller) => (['authority-admin', 'technician'].includes(caller) ? renewalFile(t, (await renewalCall(t)).id, asked) : sharedInReview(t));
/** An accepted file with its grants: fresh for the one who orders. */
export const renewalAcceptedFor = async (t: TestApp, caller: Caller) => (caller === 'authority-admin' ? acceptedRenewalFile(t, (await renewalCall(t)).id, asked) : sharedAccepted(t));
export const projectDraftFor = async (t: TestApp, caller: Caller) =>
  caller === 'establishment-staff' ? projectFile(t, (await projectCall(t)).id, 'brouillon', term()) : sharedProjectDraft(t);
export const projectAcceptedFor = async (t: TestApp, caller: Caller) =>
  caller === 'authority-admin' ? projectFile(t, (await projectCall(t)).id, 'accepte', term()) : sharedProjectAccepted(t);

export const projectBody = () => ({ title: 'Chariot en histoire', assetClass: 'mobile-cart', quantity: 1, ...term(), version: 1 });

export async function campaignVersion(t: TestApp, id: string) {
  const [row] = await t.ctx.db.select({ version: campaigns.version }).from(campaigns).where(and(eq(campaigns.tenantId, t.ids.a.tenantId), eq(campaigns.id, id)));
  return row.version;
}
