import { allowed, created, type MatrixEntry } from './authz-matrix.js';
import {
  campaignVersion,
  orderLot,
  projectAcceptedFor,
  projectBody,
  projectDraftFor,
  readableRenewalFile,
  renewalAcceptedFor,
  renewalCall,
  renewalDraftFor,
  renewalInReviewFor,
} from './matrix-fixtures/campagnes-kinds.js';

/**
 * The renewal and pedagogical project calls (campagnes/renewal, campagnes/project-loan) in the
 * authorization matrix. A school sees and answers its own files (the staff user's school is in
 * unit 1, routed to the technician's group); the campaign's instructors arbitrate; the académie,
 * co-reviewing nothing here, and the contractor do not reach the files; placing the draft order
 * also needs `order.place` (the administrator; the académie holds it but not the file).
 */

const fileReaders = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'auditor'] as const;
const readFile = allowed(fileReaders, 200, { outOfScope: ['academy-staff', 'contractor'], recordOfA: true });
// the administrator holds dossier.apply but is no school's staff: it sees the file, may not answer it
const answerFile = { ...allowed(['establishment-staff'], 200, { recordOfA: true }), 'authority-admin': 403 };
const orderFile = created({ ...allowed(['authority-admin'], 200, { outOfScope: ['academy-staff'], recordOfA: true }) });

export const campagnesKindsMatrix: Record<string, MatrixEntry> = {
  getRenewalFile: { cases: [{ expect: readFile, request: async (t) => ({ url: `/api/renewal-files/${(await readableRenewalFile(t)).id}` }) }] },
  saveRenewalRequest: {
    cases: [
      {
        expect: answerFile,
        request: async (t, caller) => ({
          url: `/api/renewal-files/${(await renewalDraftFor(t, caller)).id}/request`,
          payload: { lines: [{ assetClass: 'desktop', requested: 3 }], justification: 'Les postes de la salle informatique ont plus de sept ans.', version: 1 },
        }),
      },
    ],
  },
  // steering reads every file but arbitrates none: it sees the file, may not grant (403)
  grantRenewal: {
    cases: [
      {
        expect: { ...allowed(['authority-admin', 'technician'], 200, { outOfScope: ['academy-staff'], recordOfA: true }), steering: 403 },
        request: async (t, caller) => ({ url: `/api/renewal-files/${(await renewalInReviewFor(t, caller)).id}/grants`, payload: { lines: [{ assetClass: 'desktop', granted: 1 }], version: 1 } }),
      },
    ],
  },
  orderRenewalFile: {
    cases: [
      {
        expect: orderFile,
        request: async (t, caller) => {
          const w = await orderLot(t);
          return { url: `/api/renewal-files/${(await renewalAcceptedFor(t, caller)).id}/draft-order`, payload: { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'desktop', priceItemId: w.items.otherLot }] } };
        },
      },
    ],
  },
  // those who hold dossier.read but neither instruct nor read every call are refused the page
  getRenewalArbitration: {
    cases: [
      {
        expect: { ...allowed(['authority-admin', 'steering', 'technician', 'auditor'], 200, { recordOfA: true }), 'establishment-staff': 403, 'academy-staff': 403, contractor: 403 },
        request: async (t) => ({ url: `/api/campaigns/${(await renewalCall(t)).id}/renewal-arbitration` }),
      },
    ],
  },
  // the same readers, who also hold dossier.export: the school and the contractor do not hold it
  exportRenewalArbitration: {
    cases: [
      {
        expect: { ...allowed(['authority-admin', 'steering', 'technician', 'auditor'], 200, { recordOfA: true }), 'academy-staff': 403 },
        request: async (t) => ({ url: `/api/campaigns/${(await renewalCall(t)).id}/renewal-arbitration/export`, query: { format: 'csv' } }),
      },
    ],
  },
  setRenewalCosts: {
    cases: [
      {
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => {
          const { id } = await renewalCall(t);
          return { url: `/api/campaigns/${id}/renewal-costs`, payload: { costs: [{ assetClass: 'desktop', costCents: 80_000 }, { assetClass: 'laptop', costCents: 90_000 }], version: await campaignVersion(t, id) } };
        },
      },
    ],
  },
  getProjectFile: { cases: [{ expect: readFile, request: async (t) => ({ url: `/api/project-files/${(await projectAcceptedFor(t, 'steering')).id}` }) }] },
  saveProjectRequest: {
    cases: [{ expect: answerFile, request: async (t, caller) => ({ url: `/api/project-files/${(await projectDraftFor(t, caller)).id}/project`, payload: projectBody() }) }],
  },
  orderProjectFile: {
    cases: [
      {
        expect: orderFile,
        request: async (t, caller) => {
          const w = await orderLot(t);
          return { url: `/api/project-files/${(await projectAcceptedFor(t, caller)).id}/draft-order`, payload: { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'tablet', priceItemId: w.items.otherLot }] } };
        },
      },
    ],
  },
};
