import type { TestApp, TestUser } from '../../test/app.js';

/** Route-test helpers of the campaigns: calls as a test user, a campaign with a form and groups. */

export async function as(t: TestApp, user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.headers(user), ...(payload === undefined ? {} : { payload: payload as object }) });
}

export const projectForm = [
  { key: 'intro', kind: 'section', label: 'Le projet' },
  { key: 'titre', kind: 'text', label: 'Titre du projet', required: true },
  { key: 'eleves', kind: 'integer', label: 'Élèves concernés', required: true, min: 1 },
  { key: 'uai_partenaire', kind: 'uai', label: 'UAI de l’établissement partenaire' },
  { key: 'siret', kind: 'siret', label: 'SIRET du fournisseur' },
  { key: 'chariot', kind: 'yesno', label: 'Chariot mobile ?', required: true },
  { key: 'nb_tablettes', kind: 'integer', label: 'Nombre de tablettes', required: true, condition: { mode: 'and', clauses: [{ field: 'chariot', op: 'equals', value: true }] } },
  { key: 'projet', kind: 'document', label: 'Projet pédagogique', required: true, maxBytes: 2048 },
];

/** A published project call of tenant A, open 1–31 January 2027, files of unit 1 routed to the technician's group. */
export async function openProjectCall(t: TestApp, code: string, extra: Record<string, unknown> = {}) {
  const created = await as(t, 'authority-admin', 'POST', '/api/campaigns', {
    code,
    kind: 'project',
    title: `Tablettes ${code}`,
    opensOn: '2027-01-01',
    closesOn: '2027-01-31',
    budgetCents: 5_000_000,
    ...extra,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const campaign = created.json();
  const draft = (await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaign.id}/form/draft`)).json();
  const saved = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaign.id}/form`, { fields: projectForm, annotationFields: [{ key: 'avis_interne', kind: 'textarea', label: 'Avis interne' }], version: draft.version });
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
    opensOn: '2027-01-01',
    closesOn: '2027-01-31',
    budgetCents: 5_000_000,
    retentionMonths: 12,
    eligibility: { natureCodes: [], unitIds: [], establishmentIds: [] },
    grid: [],
    partnerIds: (extra.partnerIds as string[]) ?? [],
    status: 'published',
    version: campaign.version,
  });
  if (published.statusCode !== 200) throw new Error(published.body);
  return published.json() as { id: string; code: string; version: number };
}

export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
