import type { TestApp } from './app.js';
import { allowed, created, deleted, tenantIdOf, unique, type Caller, type MatrixEntry } from './authz-matrix.js';
import {
  agreementOfA,
  agreementVersionOfA,
  bodyVersionOfA,
  cycleVersionOfA,
  freshMemberOfA,
  memberVersionOfA,
  serviceVersionOfA,
  cycleYearOf,
  governanceManagers,
  governanceOfA,
  governanceReaders,
  meetingVersionOfA,
  openActionOfA,
  openDecisionOfA,
  serviceCodeOf,
} from './matrix-fixtures/pilotage-governance.js';

/**
 * Governance (agreements, bodies, meetings, votes, actions, data packs) and a Métropole's catalogue
 * and communes: read by the roles that cover the whole authority, written by its admin and
 * steering; B's admin works in B and gets 404 on A's records.
 */
const readers = allowed(governanceReaders, 200);
const readersOfA = allowed(governanceReaders, 200, { recordOfA: true });
const managersOfA = allowed(governanceManagers, 200, { recordOfA: true });
const createsOfA = created(allowed(governanceManagers, 200, { recordOfA: true }));
const meeting = async (t: TestApp) => (await governanceOfA(t)).meetingId;
const commune = async (t: TestApp) => (await governanceOfA(t)).communeId;
const schoolOf = (t: TestApp, c: Caller) => (c === 'admin-b' ? t.ids.establishmentsB[0] : t.ids.staffSchool);

export const pilotageGovernanceMatrix: Record<string, MatrixEntry> = {
  findGovernanceAgreements: { cases: [{ expect: readers, request: () => ({ url: '/api/governance/agreements' }) }] },
  createGovernanceAgreement: {
    cases: [
      {
        expect: created(allowed(governanceManagers, 200)),
        request: (t, c) => ({
          url: '/api/governance/agreements',
          payload: {
            kind: 'authority-establishment', title: unique('Convention matrice'), partyAId: tenantIdOf(t, c), establishmentId: schoolOf(t, c).id,
            validFrom: '2026-01-01', commitments: [{ party: 'b', text: 'Désigner un référent' }], serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.9 }],
          },
        }),
      },
    ],
  },
  updateGovernanceAgreement: {
    cases: [
      {
        expect: managersOfA,
        request: async (t, c) => ({
          url: `/api/governance/agreements/${await agreementOfA(t)}`,
          payload: {
            kind: 'authority-establishment', title: unique('Convention matrice'), partyAId: tenantIdOf(t, c), establishmentId: schoolOf(t, c).id, validFrom: '2026-01-01',
            commitments: [{ party: 'b', text: 'Désigner un référent' }], serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.8 }], version: await agreementVersionOfA(t),
          },
        }),
      },
    ],
  },
  findGovernancePartners: { cases: [{ expect: readers, request: () => ({ url: '/api/governance/partners' }) }] },
  updateGovernanceBody: {
    cases: [
      {
        expect: managersOfA,
        request: async (t) => ({ url: `/api/governance/bodies/${(await governanceOfA(t)).bodyId}`, payload: { kind: 'technical-committee', name: 'Comité technique (matrice)', cadence: 'half-yearly', unanimity: true, version: await bodyVersionOfA(t) } }),
      },
    ],
  },
  updateGovernanceBodyMember: {
    cases: [
      {
        expect: managersOfA,
        request: async (t) => {
          const g = await governanceOfA(t);
          return { url: `/api/governance/bodies/${g.bodyId}/members/${g.memberId}`, payload: { name: 'Membre matrice', title: unique('Directeur'), organizationId: t.ids.a.tenantId, version: await memberVersionOfA(t) } };
        },
      },
    ],
  },
  removeGovernanceBodyMember: {
    cases: [
      {
        expect: deleted(managersOfA),
        request: async (t) => {
          const m = await freshMemberOfA(t);
          return { method: 'DELETE', url: `/api/governance/bodies/${m.bodyId}/members/${m.id}`, query: { version: '1' } };
        },
      },
    ],
  },
  findGovernanceBodies: { cases: [{ expect: readers, request: () => ({ url: '/api/governance/bodies' }) }] },
  createGovernanceBody: {
    cases: [{ expect: created(allowed(governanceManagers, 200)), request: () => ({ url: '/api/governance/bodies', payload: { kind: 'purchasing-group', name: unique('Groupement matrice'), cadence: 'as-needed' } }) }],
  },
  addGovernanceBodyMember: {
    cases: [
      {
        expect: createsOfA,
        request: async (t) => ({ url: `/api/governance/bodies/${(await governanceOfA(t)).bodyId}/members`, payload: { name: unique('Membre'), title: 'Chef de projet', organizationId: t.ids.a.tenantId } }),
      },
    ],
  },
  createGovernanceMeeting: {
    cases: [{ expect: createsOfA, request: async (t) => ({ url: '/api/governance/meetings', payload: { bodyId: (await governanceOfA(t)).bodyId, heldOn: '2026-09-01', place: 'Salle', agenda: ['Bilan'] } }) }],
  },
  getGovernanceMeeting: { cases: [{ expect: readersOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}` }), shown: () => ['Comité technique (matrice)'] }] },
  updateGovernanceMeeting: {
    cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}`, payload: { version: await meetingVersionOfA(t), minutes: unique('Compte rendu') } }) }],
  },
  addGovernanceDecision: { cases: [{ expect: createsOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}/decisions`, payload: { title: unique('Décision') } }) }] },
  castGovernanceVote: {
    cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/governance/decisions/${await openDecisionOfA(t)}/votes`, payload: { memberId: (await governanceOfA(t)).memberId, choice: 'for' } }) }],
  },
  closeGovernanceDecision: { cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/governance/decisions/${await openDecisionOfA(t)}/close` }) }] },
  findGovernanceActions: { cases: [{ expect: readers, request: () => ({ url: '/api/governance/actions', query: { open: 'true' } }) }] },
  addGovernanceAction: {
    cases: [{ expect: createsOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}/actions`, payload: { title: unique('Action'), ownerMemberId: (await governanceOfA(t)).memberId, dueOn: '2030-01-01' } }) }],
  },
  completeGovernanceAction: { cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/governance/actions/${await openActionOfA(t)}/done` }) }] },
  issueGovernanceDataPack: { cases: [{ expect: createsOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}/data-packs` }) }] },
  downloadGovernanceDataPack: { cases: [{ expect: readersOfA, request: async (t) => ({ url: `/api/governance/meetings/${await meeting(t)}/data-packs/1` }) }] },

  getMetropoleCatalogue: { cases: [{ expect: readers, request: () => ({ url: '/api/metropole/catalogue' }) }] },
  createMetropoleService: {
    cases: [
      {
        expect: created(allowed(governanceManagers, 200)),
        request: (_t, c) => ({
          url: '/api/metropole/services',
          payload: { code: serviceCodeOf[c] ?? 'assistance', name: 'Service matrice', ticketCategories: ['ent'], resolveWithinTarget: 0.9, costPerDeviceCents: 100, costPerPupilCents: 10 },
        }),
      },
    ],
  },
  createMetropoleCycle: {
    cases: [{ expect: created(allowed(governanceManagers, 200)), request: (_t, c) => ({ url: '/api/metropole/cycles', payload: { year: cycleYearOf[c] ?? 2041, label: 'Cycle matrice' } }) }],
  },
  updateMetropoleService: {
    cases: [
      {
        expect: managersOfA,
        request: async (t) => ({
          url: `/api/metropole/services/${(await governanceOfA(t)).serviceId}`,
          payload: { name: 'Wi-Fi (matrice)', ticketCategories: ['infrastructure'], resolveWithinTarget: 0.85, costPerDeviceCents: 120, costPerPupilCents: 12, version: await serviceVersionOfA(t) },
        }),
      },
    ],
  },
  updateMetropoleCycle: {
    cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/metropole/cycles/${(await governanceOfA(t)).cycleId}`, payload: { label: unique('Cycle matrice'), version: await cycleVersionOfA(t) } }) }],
  },
  findMetropolePartnerCommunes: { cases: [{ expect: readers, request: () => ({ url: '/api/metropole/partner-communes' }) }] },
  findMetropoleCommunes: { cases: [{ expect: readers, request: () => ({ url: '/api/metropole/communes' }) }] },
  setMetropoleMembership: {
    cases: [
      {
        expect: managersOfA,
        request: async (t) => ({ url: `/api/metropole/communes/${await commune(t)}/membership`, payload: { inseeCode: '59350', cycleId: (await governanceOfA(t)).cycleId, status: 'joined', costSplit: 'pupils' } }),
      },
    ],
  },
  setMetropoleSubscriptions: {
    cases: [{ expect: managersOfA, request: async (t) => ({ url: `/api/metropole/communes/${await commune(t)}/subscriptions`, payload: { serviceIds: [(await governanceOfA(t)).serviceId] } }) }],
  },
  exportMetropoleCommuneService: {
    cases: [{ expect: readersOfA, request: async (t) => ({ url: `/api/metropole/communes/${await commune(t)}/service/export`, query: { format: 'csv', year: '2026' } }) }],
  },
  getMetropoleCommuneService: { cases: [{ expect: readersOfA, request: async (t) => ({ url: `/api/metropole/communes/${await commune(t)}/service`, query: { year: '2026' } }), shown: () => ['Commune matrice'] }] },
};
