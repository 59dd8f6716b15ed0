import type { TestApp } from '../../../test/app.js';
import type { Db } from '../../../server/platform/db.js';
import { assets } from '../../parc/db/schema.js';
import { as } from '../testing.js';

/**
 * Test support for the renewal and project calls: a published call of tenant A open in January
 * 2027 with an empty form, files of unit 1 routed to the technician's group; devices in a school's
 * fleet or in the authority's stock.
 */
export async function openKindCall(t: TestApp, kind: 'renewal' | 'project', code: string, options: { budgetCents?: number | null; costs?: Record<string, number>; opensOn?: string; closesOn?: string } = {}) {
  const opensOn = options.opensOn ?? '2027-01-01';
  const closesOn = options.closesOn ?? '2027-01-31';
  const budgetCents = options.budgetCents === undefined ? 1_000_000 : options.budgetCents;
  const created = await as(t, 'authority-admin', 'POST', '/api/campaigns', { code, kind, title: `Appel ${code}`, opensOn, closesOn, budgetCents });
  if (created.statusCode !== 201) throw new Error(created.body);
  const campaign = created.json();
  const draft = (await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaign.id}/form/draft`)).json();
  const saved = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaign.id}/form`, { fields: [{ key: 'intro', kind: 'section', label: 'La demande' }], annotationFields: [], version: draft.version });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaign.id}/form/publication`, { version: saved.json().version });
  await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaign.id}/groups`, {
    groups: [
      { name: 'Unité 1', priority: 1, rules: [{ on: 'unit', values: [t.ids.unit1.id] }], memberUserIds: [t.ids.users.technician.id] },
      { name: 'Autres', priority: 9, isDefault: true, memberUserIds: [] },
    ],
  });
  const published = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaign.id}`, {
    title: campaign.title,
    description: '',
    opensOn,
    closesOn,
    budgetCents,
    retentionMonths: 12,
    eligibility: { natureCodes: [], unitIds: [], establishmentIds: [] },
    grid: [],
    partnerIds: [],
    status: 'published',
    version: campaign.version,
  });
  if (published.statusCode !== 200) throw new Error(published.body);
  let version = published.json().version as number;
  if (kind === 'renewal') {
    const costs = Object.entries(options.costs ?? { desktop: 80_000, laptop: 90_000 }).map(([assetClass, costCents]) => ({ assetClass, costCents }));
    const priced = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaign.id}/renewal-costs`, { costs, version });
    if (priced.statusCode !== 200) throw new Error(priced.body);
    version = priced.json().version;
  }
  return { id: campaign.id as string, code, version };
}

/** Devices of a school's fleet, bought on a date (their age and warranty follow from it). */
export async function fleetDevices(db: Db, tenantId: string, establishmentId: string, assetClass: string, count: number, purchaseDate: string) {
  await db.insert(assets).values(
    Array.from({ length: count }, (_, i) => ({ tenantId, establishmentId, assetClass, status: 'in-service', name: `${assetClass}-${i}`, purchaseDate, warrantyEnd: purchaseDate.replace(/^(\d{4})/, (y) => String(Number(y) + 3)) })),
  );
}

/** Devices the authority holds in stock (no school yet): what a project's loan takes from. */
export async function stockDevices(db: Db, tenantId: string, assetClass: string, count: number) {
  await db.insert(assets).values(Array.from({ length: count }, (_, i) => ({ tenantId, assetClass, status: 'in-stock', name: `Stock ${assetClass} ${i}` })));
}

/** A file of the staff user's school, its request saved, then moved along as far as asked. */
export async function renewalFile(t: TestApp, campaignId: string, lines: { assetClass: string; requested: number }[], until: 'brouillon' | 'en_construction' | 'en_instruction' = 'en_instruction') {
  const started = await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
  if (started.statusCode !== 201) throw new Error(started.body);
  const d = started.json();
  const saved = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines, justification: 'Les postes de la salle informatique ont plus de sept ans.', version: 0 });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  if (until === 'brouillon') return { id: d.id as string };
  const submitted = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: {}, version: d.version });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  if (until === 'en_construction') return { id: d.id as string };
  const review = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/review`, { version: submitted.json().version });
  if (review.statusCode !== 200) throw new Error(review.body);
  return { id: d.id as string };
}

/** A project file of the staff user's school with its project saved, moved along as far as asked (accepting lends from the stock). */
export async function projectFile(t: TestApp, campaignId: string, until: 'brouillon' | 'en_instruction' | 'accepte', project: { startsOn: string; endsOn: string; quantity?: number }) {
  const started = await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
  if (started.statusCode !== 201) throw new Error(started.body);
  const d = started.json();
  const body = { title: 'Tablettes en SVT', assetClass: 'tablet', quantity: project.quantity ?? 2, startsOn: project.startsOn, endsOn: project.endsOn, version: 0 };
  const saved = await as(t, 'establishment-staff', 'PUT', `/api/project-files/${d.id}/project`, body);
  if (saved.statusCode !== 200) throw new Error(saved.body);
  if (until === 'brouillon') return { id: d.id as string };
  const submitted = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: {}, version: d.version });
  const review = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/review`, { version: submitted.json().version });
  if (review.statusCode !== 200) throw new Error(review.body);
  if (until === 'en_instruction') return { id: d.id as string };
  await stockDevices(t.ctx.db, t.ids.a.tenantId, 'tablet', body.quantity);
  const accepted = await as(t, 'authority-admin', 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: review.json().version });
  if (accepted.statusCode !== 200) throw new Error(accepted.body);
  return { id: d.id as string };
}

/** Accepts a renewal file in review after granting what it asked. */
export async function acceptedRenewalFile(t: TestApp, campaignId: string, lines: { assetClass: string; requested: number }[]) {
  const f = await renewalFile(t, campaignId, lines);
  const granted = await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${f.id}/grants`, { lines: lines.map((l) => ({ assetClass: l.assetClass, granted: l.requested })), version: 1 });
  if (granted.statusCode !== 200) throw new Error(granted.body);
  const dossier = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${f.id}`)).json();
  const accepted = await as(t, 'authority-admin', 'POST', `/api/dossiers/${f.id}/decision`, { decision: 'accepte', version: dossier.version });
  if (accepted.statusCode !== 200) throw new Error(accepted.body);
  return f;
}
