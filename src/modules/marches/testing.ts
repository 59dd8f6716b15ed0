import { assignRole, createUser } from '../access/index.js';
import { createOrganization } from '../referentiel/operations/create-organization.js';
import { tenantHeader } from '../../server/platform/http.js';
import { testPassword, type TestApp } from '../../test/app.js';

/** A partner organization of tenant A with a buyer who acts for it in A (a Département of the group). */
export async function partnerBuyer(t: TestApp, code: string, name: string, organizationId?: string) {
  const org = organizationId ? { tenantId: organizationId } : await createOrganization(t.ctx, { code, kind: 'departement', name, partnerOf: [t.ids.a.code] });
  const email = `buyer.${code}@essai.coherence.fr`;
  const user = await createUser(t.ctx, { tenantId: org.tenantId, email, displayName: `Acheteur ${name}`, password: testPassword });
  await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: org.tenantId, role: 'buyer', unitIds: [] });
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: testPassword }, remoteAddress: `127.0.99.${Math.floor(Math.random() * 200) + 1}` });
  const cookie = response.cookies.find((c) => c.name === 'coh_session')!;
  return { organizationId: org.tenantId, headers: { cookie: `${cookie.name}=${cookie.value}`, [tenantHeader]: t.ids.a.code } };
}

/** The broadband framework of the seed, small: two zone lots, a holder SIRET, the 2–400 Mbit/s list. */
export function broadbandContract(buyerOrganizationId: string, extra: Record<string, unknown> = {}) {
  return {
    reference: `HDF-THD-${Math.random().toString(36).slice(2, 7)}`,
    object: 'Accès internet très haut débit des sites du groupement',
    theme: 'Réseaux',
    kind: 'framework-orders',
    procedure: 'open-tender',
    cpvCode: '72400000-4',
    buyerOrganizationId,
    buyerSiret: '20005362300019',
    holders: [{ siret: '73282932000074', name: 'Opérateur Essai' }],
    notifiedOn: '2025-03-01',
    startsOn: '2025-04-01',
    durationMonths: 24,
    renewals: { count: 2, months: 12 },
    area: { unitIds: [], departements: ['59', '62'], formerRegions: ['Nord-Pas-de-Calais'] },
    estimateCents: 1_000_000_000,
    ccag: 'tic',
    priceForm: 'unit',
    status: 'notified',
    lots: [
      { number: 1, title: 'Zone Métropole lilloise', holderSiret: '73282932000074', holderName: 'Opérateur Essai', estimateCents: 300_000_000, awardedCents: 150_000_000, maxAmountCents: 250_000_000 },
      { number: 2, title: 'Zone Littoral', holderSiret: '73282932000074', holderName: 'Opérateur Essai', estimateCents: 200_000_000, awardedCents: 110_000_000, maxAmountCents: 180_000_000 },
    ],
    ...extra,
  };
}
