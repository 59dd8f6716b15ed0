import { broadbandContract } from '../../modules/marches/testing.js';
import type { TestApp } from '../app.js';
import { asAdmin, unique, type Caller } from '../authz-matrix.js';

/**
 * Contracts and purchasing groups (marchés): who may do what in the matrix, and the records of A
 * it needs. The roles of A held for A itself reach every contract of A; the contractor only the
 * contracts of which its organization holds a lot; the new role 'buyer' has no caller of its own
 * (its scope is proven in modules/marches/routes/marches.test.ts, for partner organizations).
 */

/** Who reads contracts (contract.read). */
export const contractReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'contractor', 'auditor'];
/** Who exports contracts and the DECP (contract.export). */
export const contractExporters: readonly Caller[] = ['authority-admin', 'steering', 'auditor'];
/** Who reads purchasing groups (group.read). */
export const groupReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'auditor'];
/** Who manages contracts and groups, and votes (contract.manage, group.manage, group.vote) among the callers. */
export const contractManagers: readonly Caller[] = ['authority-admin'];

interface MarchesOfA {
  groupId: string;
  /** A notified contract with a lot held by the contractor's organization. */
  held: { id: string; lotId: string };
  /** A notified contract the contractor holds nothing of. */
  other: { id: string };
}

const known = new WeakMap<TestApp, Promise<MarchesOfA>>();

export function marchesOfA(t: TestApp): Promise<MarchesOfA> {
  let records = known.get(t);
  if (!records) {
    records = (async () => {
      const group = await asAdmin(t, 'POST', '/api/purchasing-groups', groupBody(t.ids.a.tenantId));
      const base = broadbandContract(t.ids.a.tenantId, { groupId: group.id });
      const held = await asAdmin(t, 'POST', '/api/contracts', { ...base, lots: [{ ...base.lots[0], holderOrganizationId: t.ids.contractorOrg.tenantId }] });
      const other = await asAdmin(t, 'POST', '/api/contracts', broadbandContract(t.ids.a.tenantId));
      return { groupId: group.id, held: { id: held.id, lotId: held.lots[0].id }, other: { id: other.id } };
    })();
    known.set(t, records);
  }
  return records;
}

export function groupBody(coordinatorId: string) {
  return {
    name: unique('Groupement'),
    coordinatorOrganizationId: coordinatorId,
    coordinatorSiret: '20005362300019',
    conventionTitle: 'Convention constitutive',
    members: [{ organizationId: coordinatorId, projectLeadName: 'Chef de projet' }],
  };
}

/** A fresh contract of the caller's tenant (draft or notified), for a change by one caller. */
export async function freshContract(t: TestApp, status: 'draft' | 'notified' = 'draft'): Promise<{ id: string; version: number; lots: { id: string; version: number }[] }> {
  return asAdmin(t, 'POST', '/api/contracts', broadbandContract(t.ids.a.tenantId, { status }));
}

/** A fresh decision of A's group, for one vote. */
export async function freshDecision(t: TestApp): Promise<{ id: string; version: number }> {
  const { groupId } = await marchesOfA(t);
  const title = unique('Décision');
  const group = await asAdmin(t, 'POST', `/api/purchasing-groups/${groupId}/decisions`, { kind: 'adopt-tender-file', title });
  return group.decisions.find((d: { title: string }) => d.title === title);
}
