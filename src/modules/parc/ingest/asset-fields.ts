import type { InventoryReport } from '../inventory/inventory-report.js';
import { osRelease } from '../inventory/os-release.js';
import type { AssetClass } from '../asset-classes.js';
import { lockableFields } from '../../../shared/fleet.js';

/** The asset columns an inventory report can set, by the report section that carries each. */
export interface InventoryFields {
  name?: string | null;
  serial?: string | null;
  hardwareUuid?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  macAddresses?: string[];
  osName?: string | null;
  osVersion?: string | null;
  cpuName?: string | null;
  memoryMb?: number | null;
  diskTotalMb?: number | null;
  lastUser?: string | null;
}

export { lockableFields };

/**
 * The device's place (school, and the room inside it) as a lock: set when a person moves the
 * device (edit, bulk move, import) or by hand; while set, an agent's tag naming another school
 * does not move it (ingest-report.ts writes a history line instead).
 */
export const placementLock = 'establishmentId';

const has = (report: InventoryReport, ...sections: string[]) => !report.partial || sections.some((s) => report.sections.includes(s));

/** Physical MACs identify a machine; virtual interfaces (docker, VPN, hypervisor) do not. */
export function physicalMacs(report: InventoryReport): string[] {
  return [...new Set(report.networks.filter((n) => !n.virtual && n.mac).map((n) => n.mac!))].sort();
}

/**
 * What the report says, limited to the sections it holds (a partial report leaves the rest
 * as it was) and to the fields nobody locked by hand.
 */
export function fieldsFromReport(report: InventoryReport, options: { lockedFields: string[]; storeLastUser: boolean; creating?: boolean }): InventoryFields {
  const fields: InventoryFields = {};
  // a network discovery (NETDISCOVERY: name, serial, MAC seen from the network) describes a device it
  // creates; a device already known keeps what its own inventory says (its full MAC list, its name)
  const discovered = report.partial && !!options.creating && report.sections.includes('network_device');
  if (has(report, 'hardware') || discovered) fields.name = report.name;
  if (has(report, 'bios', 'hardware') || discovered) {
    if (report.serial) fields.serial = report.serial;
    if (report.uuid) fields.hardwareUuid = report.uuid;
    if (report.manufacturer) fields.manufacturer = report.manufacturer;
    if (report.model) fields.model = report.model;
  }
  if (has(report, 'networks') || discovered) fields.macAddresses = physicalMacs(report);
  if (has(report, 'operatingsystem') && report.os) {
    // the product and release the fleet counts by ("Windows" "11"); the agent's words stay in `hardware.os`
    const os = osRelease(report.os);
    fields.osName = os?.product ?? report.os.name ?? report.os.fullName;
    fields.osVersion = os ? os.release : report.os.version;
  }
  if (has(report, 'cpus') && report.cpus.length) fields.cpuName = report.cpus[0].name;
  if (report.memoryMb !== null) fields.memoryMb = report.memoryMb;
  if (has(report, 'storages') && report.storages.length) {
    fields.diskTotalMb = report.storages.reduce((sum, s) => sum + (s.sizeMb ?? 0), 0) || null;
  }
  // a pupil's login on a school PC is personal data: kept only when the authority asks
  if (options.storeLastUser && has(report, 'hardware', 'users')) fields.lastUser = report.lastLoggedUser;
  for (const locked of options.lockedFields) delete fields[locked as keyof InventoryFields];
  return fields;
}

/** The agent's detail kept as a document: what a device page shows, section by section. */
export function hardwareDocument(report: InventoryReport, previous: Record<string, unknown> | null): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...(previous ?? {}) };
  if (has(report, 'cpus')) doc.cpus = report.cpus;
  if (has(report, 'storages')) doc.storages = report.storages;
  if (has(report, 'networks')) doc.networks = report.networks;
  if (has(report, 'bios')) doc.bios = report.bios;
  if (has(report, 'operatingsystem')) doc.os = report.os;
  if (has(report, 'hardware')) {
    doc.chassisType = report.chassisType;
    doc.ipAddresses = report.ipAddresses;
  }
  doc.agent = { source: report.source, version: report.agentVersion, deviceId: report.deviceId, ranAt: report.agentRunAt };
  return doc;
}

/** The report's guess is already a fleet class, but for the two it cannot tell apart from the fleet's. */
export function assetClassOf(report: InventoryReport): AssetClass {
  if (report.assetClass === 'virtual') return 'server';
  if (report.assetClass === 'unknown') return 'desktop';
  return report.assetClass;
}

/** Lower-case text the list's search matches: name, serial, MACs, inventory number. */
export function assetSearchText(a: { name?: string | null; serial?: string | null; macAddresses?: string[]; inventoryNumber?: string | null }): string {
  return [a.name, a.serial, ...(a.macAddresses ?? []), a.inventoryNumber].filter(Boolean).join(' ').toLowerCase();
}
