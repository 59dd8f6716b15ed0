import { allowed, asAdmin, created, type MatrixEntry } from './authz-matrix.js';
import { candidatureCall, committeeMembers, fileInReview, openSession, rankingReaders } from './matrix-fixtures/candidature.js';

/**
 * The candidature calls' ranking and committee, and the decision letters (campagnes/candidature,
 * campagnes/letters) in the authorization matrix. A school and a contractor hold dossier.read but
 * neither instruct nor co-review the call: 403; steering and the auditor read but do not sit.
 */

const ofA = { recordOfA: true } as const;
const read = allowed(rankingReaders, 200, ofA);
const sit = allowed(committeeMembers, 200, ofA);
// the letters of one file: its instructors only; a school or a contractor outside it does not see it
const instructFile = allowed(['authority-admin', 'technician'], 200, { outOfScope: ['establishment-staff', 'contractor'], recordOfA: true });
const call = (t: Parameters<typeof candidatureCall>[0]) => candidatureCall(t);

export const candidatureMatrix: Record<string, MatrixEntry> = {
  rankCandidatures: { cases: [{ expect: read, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/ranking` }) }] },
  rankingSelectionBalance: { cases: [{ expect: read, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/ranking/balance`, query: { ids: '' } }) }] },
  exportRanking: { cases: [{ expect: read, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/ranking/export` }) }] },
  rescoreCandidatures: { cases: [{ expect: sit, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/ranking/rescoring` }) }] },
  listCommitteeSessions: { cases: [{ expect: read, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/committee-sessions` }) }] },
  createCommitteeSession: {
    cases: [
      {
        expect: created(sit),
        request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/committee-sessions`, payload: { title: 'Séance', heldOn: '2027-03-01', participants: [{ organizationId: t.ids.academy.tenantId, name: 'DRANE' }] } }),
      },
    ],
  },
  getCommitteeSession: { cases: [{ expect: read, request: async (t) => ({ url: `/api/committee-sessions/${(await call(t)).sessionId}` }) }] },
  downloadCommitteeMinutes: { cases: [{ expect: read, request: async (t) => ({ url: `/api/committee-sessions/${(await call(t)).sessionId}/minutes.pdf` }) }] },
  decideInCommittee: {
    cases: [
      {
        expect: sit,
        request: async (t) => {
          const session = await openSession(t);
          const file = await fileInReview(t);
          return { url: `/api/committee-sessions/${session.id}/decisions`, payload: { dossierId: file.id, decision: 'accepte', version: file.version } };
        },
      },
      {
        label: 'séance close : 409 pour qui siège',
        expect: allowed(committeeMembers, 409, ofA),
        request: async (t) => {
          const file = await fileInReview(t);
          return { url: `/api/committee-sessions/${(await call(t)).sessionId}/decisions`, payload: { dossierId: file.id, decision: 'refuse', version: file.version } };
        },
      },
    ],
  },
  saveCommitteeMinutes: {
    cases: [
      {
        expect: sit,
        request: async (t) => {
          const session = await openSession(t);
          return { url: `/api/committee-sessions/${session.id}/minutes`, payload: { minutes: 'Relevé des débats.', version: session.version } };
        },
      },
    ],
  },
  closeCommitteeSession: {
    cases: [
      {
        expect: sit,
        request: async (t) => {
          const session = await openSession(t);
          const saved = await asAdmin(t, 'PUT', `/api/committee-sessions/${session.id}/minutes`, { minutes: 'Relevé des débats.', version: session.version });
          return { url: `/api/committee-sessions/${session.id}/closing`, payload: { version: saved.version } };
        },
      },
    ],
  },
  listLetterTemplates: { cases: [{ expect: read, request: async (t) => ({ url: `/api/campaigns/${(await call(t)).campaignId}/letter-templates` }) }] },
  saveLetterTemplate: {
    cases: [
      {
        expect: allowed(['authority-admin'], 200, ofA),
        request: async (t) => {
          const { campaignId } = await call(t);
          const current = (await asAdmin(t, 'GET', `/api/campaigns/${campaignId}/letter-templates`)).items.find((x: { decision: string }) => x.decision === 'classe_sans_suite');
          return { url: `/api/campaigns/${campaignId}/letter-templates/classe_sans_suite`, payload: { body: 'Dossier {{numero}} : {{decision}}.', version: current.version } };
        },
      },
    ],
  },
  // a read-only token reads no letter before the decision: the preview is the instructors' working text
  previewDecisionLetter: { cases: [{ expect: { ...instructFile, 'read-token': 403 }, request: async (t) => ({ url: `/api/dossiers/${(await fileInReview(t)).id}/letter-preview`, query: { decision: 'accepte' } }) }] },
  editDossierLetter: {
    cases: [
      {
        expect: instructFile,
        request: async (t) => {
          const file = await fileInReview(t);
          return { url: `/api/dossiers/${file.id}/letter`, payload: { text: 'Lettre du dossier {{numero}}.', version: file.version } };
        },
      },
    ],
  },
};
