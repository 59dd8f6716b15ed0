import { z } from 'zod';

/**
 * One agent report, whatever the agent and protocol, reduced to what Cohérence keeps per machine.
 * Every string is the agent's data, verbatim (only trimmed, and NUL characters removed since
 * PostgreSQL text cannot hold them): never markup, never SQL.
 *
 * Partial reports (GLPI Agent sends only the sections that changed, plus hardware and bios):
 * `sections` lists what the report holds; a list whose section is absent is empty and means
 * "unchanged", not "none"; `memoryMb` is null when the report gives neither the system's total
 * (hardware) nor memory modules.
 */
export const inventorySources = ['ocs', 'fusioninventory', 'glpi-agent'] as const;
export const itemTypes = ['Computer', 'NetworkEquipment', 'Printer', 'Phone', 'Unmanaged'] as const;
/**
 * What the report says the device is: a class of the fleet (asset-classes.ts), or `virtual` (a
 * virtual machine) and `unknown` (too few clues), which the ingestion maps to the fleet's.
 */
export const assetClasses = [
  'desktop',
  'laptop',
  'tablet',
  'chromebook',
  'server',
  'virtual',
  'phone',
  'printer',
  'projector',
  'wifi-access-point',
  'switch',
  'router',
  'firewall',
  'unknown',
] as const;
export const inventoryActions = ['inventory', 'netinventory', 'netdiscovery'] as const;

const text = z.string();
const nullableText = text.nullable();
const megabytes = z.number().int().nonnegative().nullable();

export const cpuSchema = z.object({
  name: nullableText,
  manufacturer: nullableText,
  cores: z.number().int().positive().nullable(),
  threads: z.number().int().positive().nullable(),
  speedMhz: z.number().int().positive().nullable(),
});

export const storageSchema = z.object({
  name: nullableText,
  model: nullableText,
  manufacturer: nullableText,
  type: nullableText,
  sizeMb: megabytes,
  serial: nullableText,
});

export const networkSchema = z.object({
  /** Interface name (eth0, "Intel(R) Ethernet Connection"). */
  description: nullableText,
  /** Lower-case aa:bb:cc:dd:ee:ff; null when absent or not a MAC address. */
  mac: nullableText,
  /** IPv4 then IPv6 addresses of the interface (agents send one entry per address; merged). */
  ips: z.array(text),
  type: nullableText,
  /** Loopback, bridge, VPN, container or hypervisor interface: its MAC does not identify the machine. */
  virtual: z.boolean(),
});

export const softwareSchema = z.object({
  name: text,
  version: nullableText,
  publisher: nullableText,
  arch: nullableText,
});

export const inventoryReportSchema = z.object({
  source: z.enum(inventorySources),
  format: z.enum(['xml', 'json']),
  action: z.enum(inventoryActions),
  itemType: z.enum(itemTypes),
  /** The agent's own id (hostname + install date), kept across renames, new after a reinstall. */
  deviceId: text,
  /** The deployment tag set on the agent (`--tag`), often the school's UAI. */
  tag: nullableText,
  partial: z.boolean(),
  /** Sections present in the report, lower-case official names (hardware, bios, softwares…). */
  sections: z.array(text),
  name: nullableText,
  /** Hardware (SMBIOS) UUID, lower-case; null when absent or a known placeholder. */
  uuid: nullableText,
  /** System serial number; null when absent or a placeholder ("To be filled by O.E.M."…). */
  serial: nullableText,
  manufacturer: nullableText,
  model: nullableText,
  /** The chassis type as the agent reported it (SMBIOS names: Notebook, Desktop, Tower…). */
  chassisType: nullableText,
  assetClass: z.enum(assetClasses),
  /** Memory the system reports, else the sum of the modules (MB). */
  memoryMb: megabytes,
  cpus: z.array(cpuSchema),
  storages: z.array(storageSchema),
  networks: z.array(networkSchema),
  bios: z.object({ vendor: nullableText, version: nullableText, date: nullableText }).nullable(),
  os: z
    .object({ name: nullableText, version: nullableText, fullName: nullableText, arch: nullableText, kernel: nullableText })
    .nullable(),
  /** Installed software, identical name + version listed once. */
  software: z.array(softwareSchema),
  /**
   * The last user logged in, as the agent reports it. On a school PC this is often a pupil, a
   * minor: the caller drops it unless the authority asked to keep it.
   */
  lastLoggedUser: nullableText,
  /** Addresses of the machine, loopback and link-local excluded. */
  ipAddresses: z.array(text),
  agentVersion: nullableText,
  /** When the agent says it ran (its clock, as written: "2020-06-12 14:19:54"). */
  agentRunAt: nullableText,
});

export type InventoryReport = z.infer<typeof inventoryReportSchema>;
export type InventorySource = InventoryReport['source'];
export type ItemType = InventoryReport['itemType'];
export type AssetClass = InventoryReport['assetClass'];
export type InventoryCpu = z.infer<typeof cpuSchema>;
export type InventoryStorage = z.infer<typeof storageSchema>;
export type InventoryNetwork = z.infer<typeof networkSchema>;
export type InventorySoftware = z.infer<typeof softwareSchema>;
