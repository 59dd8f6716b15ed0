import { randomUUID } from 'node:crypto';
import { allowed, everyone, type Expect, type MatrixEntry } from './authz-matrix.js';
import { acceptedAidFile, aidDashboardReaders, aidFileWithTaxNotice, dossierVersion, familyAidCampaign, submittedAidFile } from './matrix-fixtures/family-aid.js';
import { multipartBody } from './multipart.js';

/**
 * The family aid's routes (campagnes/family-aid): their entries in the authorization matrix (see
 * authz-matrix.ts for the rules). The family's own routes are the family role's only: every
 * caller of the matrix holds none of them (403; the family's 200 and another family's 404 are in
 * family-aid/routes/family-files.test.ts).
 */

const familyOnly: Expect = {};
const someFile = () => randomUUID();
const pdf = multipartBody({ name: 'avis.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') });

/** Sign-in links asked by the matrix so far (each call its own address). */
let signInLinkAsks = 0;
export const familyAidMatrix: Record<string, MatrixEntry> = {
  // a family simulates before it has an account: anyone, signed in or not, gets the same answer
  simulateFamilyAid: {
    public: true,
    cases: [
      {
        expect: everyone(200),
        request: async (t) => {
          await familyAidCampaign(t);
          return {
            url: `/api/authorities/${t.ids.a.code}/campaigns/matrice-aide/aid-simulation`,
            payload: { device: 'portable', householdIncomeCents: 3_000_000, instalments: 10, insurance: true },
          };
        },
      },
    ],
  },
  requestFamilySignInLink: {
    public: true,
    cases: [
      {
        expect: everyone(202),
        request: async (t) => {
          await familyAidCampaign(t);
          // an address per call: one address gets at most 5 links an hour, and every caller asks one
          return { url: `/api/authorities/${t.ids.a.code}/campaigns/matrice-aide/family-sign-in-link`, payload: { email: `famille.matrice+${(signInLinkAsks += 1)}@example.fr` } };
        },
      },
    ],
  },
  signInFamilyWithLink: {
    public: true,
    cases: [{ label: 'a token no mail carried', expect: everyone(401), request: (t) => ({ url: `/api/authorities/${t.ids.a.code}/family-sign-in`, payload: { token: 'x'.repeat(43) } }) }],
  },
  findOwnAidFiles: { cases: [{ expect: familyOnly, request: () => ({ url: '/api/family/aid-files' }) }] },
  startAidFile: { cases: [{ expect: familyOnly, request: () => ({ url: '/api/family/campaigns/matrice-aide/aid-files' }) }] },
  getOwnAidFile: { cases: [{ expect: familyOnly, request: async (t) => ({ url: `/api/family/aid-files/${await submittedAidFile(t)}` }) }] },
  updateAidFile: {
    cases: [{ expect: familyOnly, request: async (t) => ({ url: `/api/family/aid-files/${await submittedAidFile(t)}`, payload: { version: 1, pupilClass: '1re 2' } }) }],
  },
  attachTaxNotice: {
    cases: [
      {
        expect: familyOnly,
        request: async (t) => ({ url: `/api/family/aid-files/${await submittedAidFile(t)}/tax-notice`, payload: pdf.payload, headers: { 'content-type': pdf.contentType } }),
      },
    ],
  },
  submitAidFile: { cases: [{ expect: familyOnly, request: async (t) => ({ url: `/api/family/aid-files/${await submittedAidFile(t)}/submit`, payload: { version: 1 } }) }] },
  downloadOwnAidDocument: { cases: [{ expect: familyOnly, request: async (t) => ({ url: `/api/family/aid-files/${await submittedAidFile(t)}/documents/${someFile()}` }) }] },
  // income is the campaign's instructors': the technician and the académie hold the action but are in none of its groups
  setAidSocialFund: {
    cases: [
      {
        expect: allowed(['authority-admin'], 204, { outOfScope: ['technician', 'academy-staff'], recordOfA: true }),
        request: async (t) => {
          const id = await submittedAidFile(t);
          return { url: `/api/aid-files/${id}/social-fund`, payload: { version: await dossierVersion(t, id), socialFundCents: 1_000, reason: 'Famille en difficulté' } };
        },
      },
    ],
  },
  // the pupil's school hands the device over: a fresh accepted file for each caller
  recordAidDelivery: {
    cases: [
      {
        expect: allowed(['authority-admin', 'establishment-staff'], 200, { recordOfA: true }),
        request: async (t) => {
          const file = await acceptedAidFile(t);
          return { url: `/api/aid-files/${file.id}/delivery`, payload: { version: file.version, serial: `MX-${randomUUID().slice(0, 8)}` } };
        },
      },
    ],
  },
  getAidDashboard: {
    cases: [
      {
        expect: allowed(aidDashboardReaders, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/campaigns/${(await familyAidCampaign(t)).campaign.id}/aid-dashboard` }),
      },
    ],
  },
  // the family's first page: which campaigns are open, before any account
  listOpenFamilyAidCampaigns: { public: true, cases: [{ expect: everyone(200), request: (t) => ({ url: `/api/authorities/${t.ids.a.code}/family-aid-campaigns` }) }] },
  familySignInMethods: { public: true, cases: [{ expect: everyone(200), request: (t) => ({ url: `/api/authorities/${t.ids.a.code}/family-sign-in-methods` }) }] },
  // no provider configured in the matrix's world: every caller is sent back to the sign-in page
  startFamilyOidcLogin: { public: true, cases: [{ expect: everyone(302), request: (t) => ({ url: `/api/authorities/${t.ids.a.code}/family-oidc/login` }) }] },
  completeFamilyOidcLogin: { public: true, cases: [{ expect: everyone(302), request: (t) => ({ url: `/api/authorities/${t.ids.a.code}/family-oidc/callback` }) }] },
  exportOwnFamilyData: { cases: [{ expect: familyOnly, request: () => ({ url: '/api/family/data-export' }) }] },
  // income, identity and the tax notice: the campaign's instructors only (the school, auditor and steering lack the action;
  // a read-only API token reads no person's data, nor the handover list)
  getInstructedAidFile: {
    cases: [{ expect: { ...allowed(['authority-admin'], 200, { outOfScope: ['technician', 'academy-staff'], recordOfA: true }), 'read-token': 403 }, request: async (t) => ({ url: `/api/aid-files/${await aidFileWithTaxNotice(t)}` }) }],
  },
  downloadAidTaxNotice: {
    cases: [{ expect: { ...allowed(['authority-admin'], 200, { outOfScope: ['technician', 'academy-staff'], recordOfA: true }), 'read-token': 403 }, request: async (t) => ({ url: `/api/aid-files/${await aidFileWithTaxNotice(t)}/tax-notice` }) }],
  },
  // the school's handover list (pupil and device only): its staff and the administrators
  listAidDeliveries: {
    cases: [{ expect: { ...allowed(['authority-admin', 'establishment-staff'], 200, { recordOfA: true }), 'read-token': 403 }, request: async (t) => ({ url: `/api/campaigns/${(await familyAidCampaign(t)).campaign.id}/aid-deliveries` }) }],
  },
};
