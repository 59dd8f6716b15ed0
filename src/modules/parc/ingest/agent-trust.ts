import { createHash } from 'node:crypto';
import type { InventoryFields } from './asset-fields.js';

/**
 * How far a report is believed (README, « Agents d'inventaire »):
 * - `credentials`: the authority's agent credentials (HTTP Basic) vouch for it;
 * - `tag`, `network`: attached without credentials, by the school its tag names or the school
 *   network it comes from, which anyone on that network can forge;
 * - `confirmed`: a technician confirmed what such a report proposed.
 */
export type AgentTrust = 'credentials' | 'tag' | 'network' | 'confirmed';

export const isVouched = (trust: AgentTrust) => trust === 'credentials' || trust === 'confirmed';

/** What makes a device this device, where it is and what it is called: never changed on an unvouched word. */
export const identityFields = ['name', 'serial', 'hardwareUuid', 'manufacturer', 'model', 'macAddresses'] as const;

export interface ProposedChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface UnvouchedDecision {
  /** all: the device is the agent's own; hardware: only what the agent measures; nothing: only a proposal. */
  apply: 'all' | 'hardware' | 'nothing';
  proposal: ProposedChange[];
  reason: string | null;
}

interface KnownDevice {
  name: string | null;
  serial: string | null;
  hardwareUuid: string | null;
  manufacturer: string | null;
  model: string | null;
  macAddresses: string[];
  establishmentId: string | null;
  agentDeviceId: string | null;
  anonymousAgent: string | null;
}

/**
 * An unauthenticated report about a device already known. The device its own agent created (and
 * nobody else placed since) is the agent's to update. A device whose linked agent this is gets its
 * hardware and software; any other change (a move, a name, an identity) waits as a proposal. A
 * device someone else placed, with another agent or none, gets nothing but the proposal.
 */
export function decideUnvouched(current: KnownDevice, report: { deviceId: string | null }, fields: InventoryFields, taggedEstablishment: string | null): UnvouchedDecision {
  const deviceId = report.deviceId;
  if (deviceId && current.anonymousAgent === deviceId) return { apply: 'all', proposal: [], reason: null };
  const proposal: ProposedChange[] = [];
  for (const field of identityFields) {
    const to = fields[field];
    if (to === undefined) continue;
    if (JSON.stringify(to ?? null) !== JSON.stringify(current[field] ?? null)) proposal.push({ field, from: current[field] ?? null, to: to ?? null });
  }
  if (taggedEstablishment && taggedEstablishment !== current.establishmentId) {
    proposal.push({ field: 'establishmentId', from: current.establishmentId, to: taggedEstablishment });
  }
  const linked = deviceId !== null && current.agentDeviceId === deviceId;
  if (!linked) proposal.push({ field: 'agentDeviceId', from: current.agentDeviceId, to: deviceId });
  return {
    apply: linked ? 'hardware' : 'nothing',
    proposal,
    reason: linked
      ? 'Rapport sans identifiants : l’agent de cet équipement demande un changement d’identité, de nom ou d’établissement, qu’une personne doit confirmer.'
      : 'Rapport sans identifiants d’un agent qui n’est pas celui de cet équipement (placé par une personne, un import, une livraison ou un agent authentifié) : rien n’est appliqué sans confirmation.',
  };
}

/** Only the fields an agent measures (operating system, processor, memory, disks, last user). */
export function hardwareOnly(fields: InventoryFields): InventoryFields {
  const kept: InventoryFields = { ...fields };
  for (const field of identityFields) delete kept[field];
  return kept;
}

/** The same proposal sent every day by the same agent is one proposal (and a refused one stays refused). */
export function proposalHash(deviceId: string | null, changes: ProposedChange[]): string {
  return createHash('sha256').update(JSON.stringify([deviceId, changes.map((c) => [c.field, c.to])])).digest('hex');
}
