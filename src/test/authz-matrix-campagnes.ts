import { allowed, created, deleted, everyUser, unique, type MatrixEntry } from './authz-matrix.js';
import { multipartBody } from './multipart.js';
import {
  campaignBody,
  campaignReaders,
  fileInstructors,
  fileOfA,
  fileSeers,
  fileVersion,
  matrixCampaign,
  matrixForm,
  matrixGroups,
  outsiders,
  sharedFileOfA,
} from './matrix-fixtures/campagnes.js';
import { asAdmin } from './authz-matrix.js';

/** The campaigns' routes in the authorization matrix (see authz-matrix.ts for the rules). */

const ofA = { recordOfA: true } as const;
const readCampaign = allowed(campaignReaders, 200, ofA);
const manage = allowed(['authority-admin'], 200, ofA);
const seeFile = allowed(fileSeers, 200, { outOfScope: outsiders, recordOfA: true });
const instructFile = allowed(fileInstructors, 200, { outOfScope: outsiders, recordOfA: true });
const applyFile = allowed(['establishment-staff'], 200, { outOfScope: outsiders, recordOfA: true });
const onFile = (path: string, payload: (version: number) => object, state: Parameters<typeof fileOfA>[1] = 'en_construction') => async (t: Parameters<typeof fileOfA>[0]) => {
  const d = await fileOfA(t, state);
  return { url: `/api/dossiers/${d.id}${path}`, payload: payload(d.version) };
};

export const campagnesMatrix: Record<string, MatrixEntry> = {
  listCampaigns: { cases: [{ expect: everyUser(200), request: () => ({ url: '/api/campaigns' }) }] },
  createCampaign: {
    cases: [{ expect: created(allowed(['authority-admin', 'admin-b'], 200)), request: () => ({ url: '/api/campaigns', payload: { code: unique('appel'), kind: 'renewal', title: 'Renouvellement', opensOn: '2027-01-01', closesOn: '2027-02-01' } }) }],
  },
  getCampaign: { cases: [{ expect: readCampaign, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}` }) }] },
  updateCampaign: {
    cases: [
      {
        expect: manage,
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const c = await asAdmin(t, 'GET', `/api/campaigns/${id}`);
          return { url: `/api/campaigns/${id}`, payload: { ...campaignBody(c.title), status: 'published', version: c.version } };
        },
      },
    ],
  },
  reopenCampaign: {
    cases: [
      {
        label: 'campagne encore ouverte : 409 pour qui la gère',
        expect: allowed(['authority-admin'], 409, ofA),
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const c = await asAdmin(t, 'GET', `/api/campaigns/${id}`);
          return { url: `/api/campaigns/${id}/reopening`, payload: { reason: 'Essai', closesOn: '2099-12-31', version: c.version } };
        },
      },
    ],
  },
  getCampaignForm: { cases: [{ expect: readCampaign, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/form` }) }] },
  openCampaignFormDraft: { cases: [{ expect: manage, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/form/draft` }) }] },
  saveCampaignForm: {
    cases: [
      {
        expect: manage,
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const draft = await asAdmin(t, 'POST', `/api/campaigns/${id}/form/draft`);
          return { url: `/api/campaigns/${id}/form`, payload: { fields: matrixForm, annotationFields: [], version: draft.version } };
        },
      },
    ],
  },
  publishCampaignForm: {
    cases: [
      {
        expect: manage,
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const draft = await asAdmin(t, 'POST', `/api/campaigns/${id}/form/draft`);
          return { url: `/api/campaigns/${id}/form/publication`, payload: { version: draft.version } };
        },
      },
    ],
  },
  listInstructorGroups: { cases: [{ expect: readCampaign, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/groups` }) }] },
  saveInstructorGroups: {
    cases: [{ expect: manage, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/groups`, payload: { groups: matrixGroups(t) } }) }],
  },
  createInstructorGroup: {
    cases: [{ expect: created(manage), request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/groups`, payload: { name: unique('Groupe'), memberUserIds: [t.ids.users.technician.id] } }) }],
  },
  updateInstructorGroup: {
    cases: [
      {
        expect: manage,
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const group = await asAdmin(t, 'POST', `/api/campaigns/${id}/groups`, { name: unique('Groupe') });
          return { url: `/api/campaigns/${id}/groups/${group.id}`, payload: { name: unique('Groupe'), rules: [{ on: 'department', values: ['59'] }], version: group.version } };
        },
      },
    ],
  },
  deleteInstructorGroup: {
    cases: [
      {
        expect: deleted(manage),
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const group = await asAdmin(t, 'POST', `/api/campaigns/${id}/groups`, { name: unique('Groupe') });
          return { url: `/api/campaigns/${id}/groups/${group.id}`, query: { version: String(group.version) } };
        },
      },
    ],
  },
  getCampaignEligibility: { cases: [{ expect: readCampaign, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/eligibility` }) }] },
  updateCampaignEligibility: {
    cases: [
      {
        expect: manage,
        request: async (t) => {
          const { id } = await matrixCampaign(t);
          const { version } = await asAdmin(t, 'GET', `/api/campaigns/${id}/eligibility`);
          return { url: `/api/campaigns/${id}/eligibility`, payload: { natureCodes: [], unitIds: [], establishmentIds: [], version } };
        },
      },
    ],
  },
  listDossiers: { cases: [{ expect: readCampaign, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/dossiers` }) }] },
  exportDossiers: {
    cases: [
      {
        // those who may export read the files of their scope (an outsider's file is empty); personal columns: exports.test.ts
        expect: allowed(['authority-admin', 'steering', 'technician', 'academy-staff', 'auditor'], 200, ofA),
        request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/dossiers/export` }),
      },
    ],
  },
  // every role of A reads files; the list is narrowed to each one's scope (school-dossiers.test.ts shows both sides)
  listSchoolDossiers: { cases: [{ expect: { default: 200, recordOfA: true }, request: (t) => ({ url: '/api/dossiers', query: { uai: t.ids.staffSchool.uai } }) }] },
  startDossier: {
    cases: [{ expect: created(allowed(['establishment-staff'], 200, ofA)), request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/dossiers`, payload: {} }) }],
  },
  bulkDossiers: {
    cases: [{ expect: allowed(['authority-admin', 'technician'], 200, ofA), request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/dossiers/bulk`, payload: { action: 'message', message: 'Bonjour', ids: [] } }) }],
  },
  getDossier: { cases: [{ expect: seeFile, request: async (t) => ({ url: `/api/dossiers/${(await sharedFileOfA(t)).id}` }) }] },
  saveDossierAnswers: {
    cases: [
      {
        expect: applyFile,
        request: async (t) => {
          const { id } = await sharedFileOfA(t);
          return { url: `/api/dossiers/${id}/answers`, payload: { answers: { titre: 'Projet revu' }, version: await fileVersion(t, id) } };
        },
      },
    ],
  },
  // a draft is routed at submission: no group's instructor sees it before
  submitDossier: { cases: [{ expect: allowed(['establishment-staff'], 200, { outOfScope: [...outsiders, 'technician'], recordOfA: true }), request: onFile('/submission', (version) => ({ version, answers: { titre: 'Projet' } }), 'brouillon') }] },
  saveDossierAnnotations: {
    cases: [
      {
        expect: instructFile,
        request: async (t) => {
          const { id } = await sharedFileOfA(t);
          return { url: `/api/dossiers/${id}/annotations`, payload: { answers: {}, version: await fileVersion(t, id) } };
        },
      },
    ],
  },
  startDossierReview: { cases: [{ expect: instructFile, request: onFile('/review', (version) => ({ version })) }] },
  decideDossier: { cases: [{ expect: instructFile, request: onFile('/decision', (version) => ({ decision: 'refuse', motivation: 'Hors critères', version }), 'en_instruction') }] },
  requestDossierCorrection: { cases: [{ expect: instructFile, request: onFile('/correction', (version) => ({ reason: 'incomplete', comment: 'Complétez le titre.', version })) }] },
  reopenDossier: { cases: [{ expect: instructFile, request: onFile('/reopening', (version) => ({ reason: 'Pièce nouvelle', version }), 'accepte') }] },
  postDossierMessage: {
    cases: [{ expect: allowed([...fileInstructors, 'establishment-staff'], 200, { outOfScope: outsiders, recordOfA: true }), request: async (t) => ({ url: `/api/dossiers/${(await sharedFileOfA(t)).id}/messages`, payload: { body: 'Bonjour' } }) }],
  },
  addDossierNote: { cases: [{ expect: instructFile, request: async (t) => ({ url: `/api/dossiers/${(await sharedFileOfA(t)).id}/notes`, payload: { body: 'Note' } }) }] },
  requestDossierOpinions: {
    cases: [{ expect: instructFile, request: onFile('/opinion-requests', () => ({ expertUserIds: [] as string[] })) }].map((c) => ({
      ...c,
      request: async (t: Parameters<typeof fileOfA>[0]) => {
        const d = await fileOfA(t, 'en_construction');
        return { url: `/api/dossiers/${d.id}/opinion-requests`, payload: { expertUserIds: [t.ids.users.auditor.id], question: 'Avis ?' } };
      },
    })),
  },
  giveDossierOpinion: {
    cases: [
      {
        label: 'avis demandé au prestataire seulement',
        expect: allowed(['contractor'], 200, { outOfScope: ['academy-staff'], recordOfA: true, ...{} }),
        request: async (t) => {
          const d = await fileOfA(t, 'en_construction');
          const asked = await asAdmin(t, 'POST', `/api/dossiers/${d.id}/opinion-requests`, { expertUserIds: [t.ids.users.contractor.id] });
          return { url: `/api/dossiers/${d.id}/my-opinion`, payload: { conflict: false, verdict: 'favourable', comment: 'Bien', version: asked.opinions[0].version } };
        },
      },
    ],
  },
  uploadDossierDocument: {
    cases: [
      {
        expect: created(applyFile),
        request: async (t) => {
          const { id } = await sharedFileOfA(t);
          const body = multipartBody({ name: 'piece.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }, { fieldKey: 'piece' });
          return { url: `/api/dossiers/${id}/documents`, payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  downloadDossierDocument: {
    cases: [{ expect: seeFile, request: async (t) => { const f = await sharedFileOfA(t); return { url: `/api/dossiers/${f.id}/documents/${f.documentId}` }; } }],
  },
  // whom to ask an opinion of: the call's instructors only (the administrator, the technician of its « Unité 1 » group)
  // a read-only token instructs nothing: it asks no one's opinion
  findExpertCandidates: { cases: [{ expect: { ...allowed(fileInstructors, 200, ofA), 'read-token': 403 }, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/expert-candidates`, query: { search: 'essai' } }) }] },
  // the partners' webhooks: their managers only (the secret is shown once, the log shows the calls), not a read-only token
  listCampaignWebhooks: { cases: [{ expect: { ...manage, 'read-token': 403 }, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/webhooks` }) }] },
  createCampaignWebhook: {
    cases: [{ expect: created(manage), request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/webhooks`, payload: { url: 'https://partenaire.example/coherence' } }) }],
  },
  setCampaignWebhookActive: { cases: [{ expect: manage, request: async (t) => ({ url: `/api/webhooks/${(await matrixWebhook(t)).id}/active`, payload: { active: true } }) }] },
  listCampaignWebhookDeliveries: { cases: [{ expect: { ...manage, 'read-token': 403 }, request: async (t) => ({ url: `/api/campaigns/${(await matrixCampaign(t)).id}/webhook-deliveries` }) }] },
};

const webhooksOf = new WeakMap<Parameters<typeof matrixCampaign>[0], Promise<{ id: string }>>();
/** One webhook of the matrix's call, declared once per app. */
function matrixWebhook(t: Parameters<typeof matrixCampaign>[0]) {
  let known = webhooksOf.get(t);
  if (!known) {
    known = matrixCampaign(t).then(({ id }) => asAdmin(t, 'POST', `/api/campaigns/${id}/webhooks`, { url: 'https://partenaire.example/matrice' }));
    webhooksOf.set(t, known);
  }
  return known;
}
