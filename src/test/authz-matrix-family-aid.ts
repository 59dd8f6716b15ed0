import { everyone, type MatrixEntry } from './authz-matrix.js';
import { familyAidCampaign } from './matrix-fixtures/family-aid.js';

/** The family aid's routes (campagnes/family-aid): their entries in the authorization matrix (see authz-matrix.ts for the rules). */
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
};
