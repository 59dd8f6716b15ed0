import type { TestApp } from '../app.js';
import { asAdmin, unique, type Caller } from '../authz-matrix.js';

/** The campaigns in the matrix: one open project call of A, its files, and who may do what. */

/** Every role of A reads the published campaigns and the files in its scope. */
export const campaignReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor'];
/** Who sees the fixture file of the staff user's school (unit 1, routed to the technician's group). */
export const fileSeers: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'auditor'];
/** Who instructs it: the administrator and the technician, member of the « Unité 1 » group. */
export const fileInstructors: readonly Caller[] = ['authority-admin', 'technician'];
/** Roles that hold dossier.read but are neither in a group, a partner nor the applicant: the file does not exist for them. */
export const outsiders: readonly Caller[] = ['academy-staff', 'contractor'];

export const matrixForm = [
  { key: 'titre', kind: 'text', label: 'Titre', required: true },
  { key: 'piece', kind: 'document', label: 'Pièce' },
];

async function staffCall(t: TestApp, method: 'POST' | 'PUT', url: string, payload: object) {
  const r = await t.app.inject({ method, url, headers: await t.headers('establishment-staff'), payload });
  if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

const calls = new WeakMap<TestApp, Promise<{ id: string; code: string }>>();

/** The open call of A (always open: 2020–2099), its form published, unit 1 routed to the technician. */
export function matrixCampaign(t: TestApp) {
  let known = calls.get(t);
  if (!known) {
    known = (async () => {
      const c = await asAdmin(t, 'POST', '/api/campaigns', { code: unique('matrice'), kind: 'project', title: 'Appel de la matrice', opensOn: '2020-01-01', closesOn: '2099-12-31' });
      const draft = await asAdmin(t, 'POST', `/api/campaigns/${c.id}/form/draft`);
      const saved = await asAdmin(t, 'PUT', `/api/campaigns/${c.id}/form`, { fields: matrixForm, annotationFields: [], version: draft.version });
      await asAdmin(t, 'POST', `/api/campaigns/${c.id}/form/publication`, { version: saved.version });
      await asAdmin(t, 'PUT', `/api/campaigns/${c.id}/groups`, { groups: matrixGroups(t) });
      await asAdmin(t, 'PUT', `/api/campaigns/${c.id}`, { ...campaignBody(c.title), status: 'published', version: c.version });
      return { id: c.id as string, code: c.code as string };
    })();
    calls.set(t, known);
  }
  return known;
}

export const matrixGroups = (t: TestApp) => [{ name: 'Unité 1', priority: 1, rules: [{ on: 'unit', values: [t.ids.unit1.id] }], memberUserIds: [t.ids.users.technician.id] }];

export const campaignBody = (title: string) => ({
  title,
  description: '',
  opensOn: '2020-01-01',
  closesOn: '2099-12-31',
  budgetCents: null,
  retentionMonths: 12,
  eligibility: { natureCodes: [], unitIds: [], establishmentIds: [] },
  grid: [],
  partnerIds: [],
});

/** A new file of the staff user's school: a draft, submitted (en construction), in review, or decided. */
export async function fileOfA(t: TestApp, state: 'brouillon' | 'en_construction' | 'en_instruction' | 'accepte' = 'en_construction'): Promise<{ id: string; version: number }> {
  const { id: campaignId } = await matrixCampaign(t);
  let d = await staffCall(t, 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
  if (state === 'brouillon') return d;
  d = await staffCall(t, 'POST', `/api/dossiers/${d.id}/submission`, { answers: { titre: 'Projet' }, version: d.version });
  if (state === 'en_construction') return d;
  d = await asAdmin(t, 'POST', `/api/dossiers/${d.id}/review`, { version: d.version });
  if (state === 'en_instruction') return d;
  return asAdmin(t, 'POST', `/api/dossiers/${d.id}/decision`, { decision: 'accepte', version: d.version });
}

const shared = new WeakMap<TestApp, Promise<{ id: string; documentId: string }>>();

/** One submitted file of A with a document, read by the read-only cases. */
export function sharedFileOfA(t: TestApp) {
  let known = shared.get(t);
  if (!known) {
    known = (async () => {
      const { multipartBody } = await import('../multipart.js');
      const d = await fileOfA(t, 'en_construction');
      const body = multipartBody({ name: 'piece.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }, { fieldKey: 'piece' });
      const r = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
      return { id: d.id, documentId: r.json().id as string };
    })();
    shared.set(t, known);
  }
  return known;
}

/** The current version of a file (read by the administrator). */
export async function fileVersion(t: TestApp, id: string): Promise<number> {
  return (await asAdmin(t, 'GET', `/api/dossiers/${id}`)).version;
}
