import type { InventoryReport } from './inventory-report.js';
import { isIdentityMac, normalizeMac } from './mac-address.js';
import { cleanSerial, cleanUuid } from './placeholders.js';

/**
 * What recognises a machine from one report to the next, strongest first. The name is not one of
 * them: schools rename and re-image PCs all the time, and two rooms may both have a "PC-PROF".
 * - hardware UUID: survives a reinstall and a rename, not a motherboard swap;
 * - serial number: the manufacturer's, survives everything but is missing on white boxes;
 * - MAC addresses of physical interfaces: survive a reinstall, not a network card swap;
 * - agent id (deviceid): survives a rename, not a reinstall of the agent. Only a computer's own
 *   inventory carries it: in a network inventory or discovery, DEVICEID names the agent that did
 *   the SNMP scan, the same for every switch and printer it found.
 */
export interface MatchKeys {
  uuid: string | null;
  /** Upper-case, without spaces: serials are written in either case by different tools. */
  serial: string | null;
  macs: string[];
  deviceId: string | null;
}

export type MatchableReport = Pick<InventoryReport, 'uuid' | 'serial' | 'networks' | 'deviceId' | 'action' | 'name'>;

export function matchKeys(report: Omit<MatchableReport, 'name'>): MatchKeys {
  const macs = new Set<string>();
  for (const network of report.networks) {
    if (network.mac && !network.virtual && isIdentityMac(network.mac)) macs.add(network.mac);
  }
  return {
    uuid: report.uuid,
    serial: normalizeSerial(report.serial),
    macs: [...macs].sort(),
    deviceId: report.action === 'inventory' ? report.deviceId : null,
  };
}

export function normalizeSerial(serial: string | null): string | null {
  const value = serial?.replace(/\s+/g, '').toUpperCase() ?? '';
  return value === '' ? null : value;
}

/**
 * The same SMBIOS UUID, read by Windows (WMI) or by an old dmidecode, comes with its first three
 * fields byte-swapped: both spellings are one machine, so a reinstall from Linux to Windows still
 * matches.
 */
export function sameUuid(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || swapUuid(x) === y;
}

function swapUuid(uuid: string): string | null {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4}-[0-9a-f]{12})$/.exec(uuid);
  if (!m) return null;
  const reverse = (hex: string) => hex.match(/../g)!.reverse().join('');
  return `${reverse(m[1])}-${reverse(m[2])}-${reverse(m[3])}-${m[4]}`;
}

/** A known asset, as stored (its identifiers may come from an import, so they are cleaned again). */
export interface MatchCandidate {
  id: string;
  uuid: string | null;
  serial: string | null;
  macs: string[];
  deviceId: string | null;
  name: string | null;
}

export type MatchLevel = 'uuid+serial' | 'serial' | 'uuid' | 'mac' | 'deviceId';
const precedence: MatchLevel[] = ['uuid+serial', 'serial', 'uuid', 'mac', 'deviceId'];

export interface MatchDecision {
  assetId: string | null;
  level: MatchLevel | null;
  /** Why, in French, for the asset's history and for whoever checks a doubtful case. */
  reason: string;
  /** Other assets matching at the same level (duplicates to merge by hand); empty normally. */
  ambiguousWith: string[];
}

interface Comparison {
  candidate: MatchCandidate;
  level: MatchLevel | null;
  sharedMacs: string[];
  score: number;
  refusal: string | null;
}

/**
 * Which known asset a report describes. Precedence: UUID and serial > serial > UUID > a shared
 * physical MAC > the agent id. A weaker key never wins against a stronger one that disagrees: a
 * USB network adapter moved from one laptop to another shares its MAC but not the laptops' serial
 * numbers. The name alone never matches.
 */
export function decideMatch(report: MatchableReport, candidates: MatchCandidate[]): MatchDecision {
  const keys = matchKeys(report);
  const compared = candidates.map((candidate) => compare(keys, report.name, candidate));
  for (const level of precedence) {
    const matches = compared.filter((c) => c.level === level).sort((a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? -1 : 1));
    if (matches.length === 0) continue;
    const [best, ...others] = matches;
    const ambiguity = others.length > 0 ? ` ; ${others.length} autre(s) équipement(s) correspondent aussi : doublon à vérifier` : '';
    return { assetId: best.candidate.id, level, reason: describe(level, keys, best) + ambiguity, ambiguousWith: others.map((o) => o.candidate.id) };
  }
  const refused = compared.find((c) => c.refusal !== null);
  const sameName = report.name ? compared.find((c) => c.candidate.name?.toLowerCase() === report.name?.toLowerCase()) : undefined;
  const reason = refused?.refusal
    ? `${refused.refusal} : nouvel équipement`
    : sameName
      ? `même nom que l'équipement ${sameName.candidate.id} (« ${report.name} ») mais aucun identifiant matériel commun : nouvel équipement`
      : 'aucun équipement connu ne correspond : nouvel équipement';
  return { assetId: null, level: null, reason, ambiguousWith: [] };
}

function compare(keys: MatchKeys, name: string | null, candidate: MatchCandidate): Comparison {
  const serial = normalizeSerial(cleanSerial(candidate.serial));
  const uuid = cleanUuid(candidate.uuid);
  const macs = new Set(candidate.macs.map(normalizeMac).filter((m): m is string => m !== null && isIdentityMac(m)));
  const sharedMacs = keys.macs.filter((m) => macs.has(m));
  const serialMatch = keys.serial !== null && keys.serial === serial;
  const serialConflict = keys.serial !== null && serial !== null && !serialMatch;
  const uuidMatch = sameUuid(keys.uuid, uuid);
  const uuidConflict = keys.uuid !== null && uuid !== null && !uuidMatch;
  const deviceMatch = keys.deviceId !== null && candidate.deviceId === keys.deviceId;
  const weakConflict = serialConflict || uuidConflict;

  let level: MatchLevel | null = null;
  if (serialMatch && uuidMatch) level = 'uuid+serial';
  else if (serialMatch) level = 'serial';
  else if (uuidMatch && !serialConflict) level = 'uuid';
  else if (sharedMacs.length > 0 && !weakConflict) level = 'mac';
  else if (deviceMatch && !weakConflict) level = 'deviceId';

  let refusal: string | null = null;
  if (level === null && (uuidMatch || sharedMacs.length > 0 || deviceMatch)) {
    const common = uuidMatch
      ? `même UUID matériel que l'équipement ${candidate.id}`
      : sharedMacs.length > 0
        ? `adresse MAC ${sharedMacs[0]} commune avec l'équipement ${candidate.id}`
        : `même identifiant d'agent que l'équipement ${candidate.id}`;
    refusal = `${common}, mais ${serialConflict ? 'numéro de série' : 'UUID matériel'} différent`;
  }
  const sameName = name !== null && candidate.name?.toLowerCase() === name.toLowerCase();
  return { candidate, level, sharedMacs, refusal, score: sharedMacs.length * 4 + (deviceMatch ? 2 : 0) + (sameName ? 1 : 0) };
}

function describe(level: MatchLevel, keys: MatchKeys, match: Comparison): string {
  switch (level) {
    case 'uuid+serial':
      return `même UUID matériel et même numéro de série (${keys.serial})`;
    case 'serial':
      return `même numéro de série (${keys.serial})${keys.uuid && match.candidate.uuid && !sameUuid(keys.uuid, cleanUuid(match.candidate.uuid)) ? ', UUID matériel différent (carte mère remplacée ?)' : ''}`;
    case 'uuid':
      return `même UUID matériel (${keys.uuid})`;
    case 'mac':
      return `même adresse MAC (${match.sharedMacs.join(', ')})`;
    case 'deviceId':
      return `même identifiant d'agent (${keys.deviceId})`;
  }
}
