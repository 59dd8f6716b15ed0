import { guessAssetClass } from './asset-class.js';
import { child, int, isNode, list, type Node, str, texts, field } from './content-access.js';
import type { InventoryCpu, InventoryReport, InventoryStorage, ItemType } from './inventory-report.js';
import { collectIpAddresses, collectNetworks } from './network-list.js';
import { cleanSerial, cleanUuid, cleanVendorText } from './placeholders.js';
import { collectSoftware } from './software-list.js';

/** What a report says about the machine, as opposed to who sent it (the envelope). */
export type ContentFacts = Omit<InventoryReport, 'source' | 'format' | 'action' | 'itemType' | 'deviceId' | 'tag' | 'partial'>;

/**
 * The CONTENT of an inventory, in the GLPI inventory format's lower-case names (XML inventories
 * are lower-cased first: they use the same names in capitals) → the facts Cohérence keeps.
 * `network_device` is the section of a network equipment or printer read over SNMP.
 */
export function normalizeContent(content: Node, envelope: { itemType: ItemType; partial: boolean }): ContentFacts {
  const hardware = child(content, 'hardware');
  const bios = child(content, 'bios');
  const device = child(content, 'network_device');
  const sections = Object.keys(content).sort();

  const manufacturer =
    cleanVendorText(str(bios, 'smanufacturer')) ?? cleanVendorText(str(bios, 'mmanufacturer')) ?? cleanVendorText(str(device, 'manufacturer'));
  const model = cleanVendorText(str(bios, 'smodel')) ?? cleanVendorText(str(bios, 'mmodel')) ?? cleanVendorText(str(device, 'model'));
  const os = operatingSystem(content, hardware);
  const networks = collectNetworks([...list(content, 'networks'), ...deviceInterface(device)]);
  const chassisType = str(hardware, 'chassis_type');

  return {
    sections,
    name: str(hardware, 'name') ?? str(device, 'name'),
    uuid: cleanUuid(str(hardware, 'uuid')),
    serial: cleanSerial(str(bios, 'ssn') ?? str(device, 'serial')),
    manufacturer,
    model,
    chassisType,
    assetClass: guessAssetClass({
      itemType: envelope.itemType,
      chassisType,
      vmSystem: str(hardware, 'vmsystem'),
      manufacturer,
      model,
      osName: os ? `${os.name ?? ''} ${os.fullName ?? ''}`.trim() || null : null,
      hasBatteries: list(content, 'batteries').length > 0,
      hasSimCards: list(content, 'simcards').length > 0,
      networkType: str(device, 'type'),
      description: str(device, 'description'),
    }),
    memoryMb: memory(content, hardware),
    cpus: list(content, 'cpus').map(cpu),
    storages: list(content, 'storages').map(storage),
    networks,
    bios: biosFacts(bios),
    os,
    software: collectSoftware(list(content, 'softwares')),
    lastLoggedUser: str(hardware, 'lastloggeduser') ?? str(child(content, 'accesslog'), 'userid'),
    ipAddresses: collectIpAddresses(networks, [...splitList(str(hardware, 'ipaddr')), ...texts(field(device, 'ips'))]),
    agentVersion: str(content, 'versionclient'),
    agentRunAt: str(child(content, 'accesslog'), 'logdate'),
  };
}

/**
 * Memory: the total the system reports (GLPI `hardware.memory`, OCS/FusionInventory
 * `HARDWARE/MEMORY`), which is what the machine has to work with (7909 on computer_3, whose
 * module list names only one 4 GiB module); the sum of the modules only when the system gives no
 * total (some OCS agents on macOS). A partial report with neither says nothing about memory (null).
 */
function memory(content: Node, hardware: Node | null): number | null {
  const reported = positive(int(hardware, 'memory'));
  if (reported !== null) return reported;
  const modules = list(content, 'memories').reduce((sum, m) => sum + (int(m, 'capacity') ?? 0), 0);
  return modules > 0 ? modules : null;
}

function cpu(entry: Node): InventoryCpu {
  return {
    // The OCS agent names the model TYPE; FusionInventory and GLPI Agent, NAME.
    name: str(entry, 'name') ?? str(entry, 'type'),
    manufacturer: cleanVendorText(str(entry, 'manufacturer')),
    cores: positive(int(entry, 'core') ?? int(entry, 'cores')),
    threads: positive(int(entry, 'thread') ?? int(entry, 'threads') ?? int(entry, 'logical_cpus')),
    speedMhz: positive(int(entry, 'speed')),
  };
}

function storage(entry: Node): InventoryStorage {
  return {
    name: str(entry, 'name'),
    model: cleanVendorText(str(entry, 'model')),
    manufacturer: cleanVendorText(str(entry, 'manufacturer')),
    type: str(entry, 'type'),
    sizeMb: positive(int(entry, 'disksize')),
    serial: cleanSerial(str(entry, 'serial') ?? str(entry, 'serialnumber')),
  };
}

function biosFacts(bios: Node | null): InventoryReport['bios'] {
  const facts = { vendor: cleanVendorText(str(bios, 'bmanufacturer')), version: str(bios, 'bversion'), date: biosDate(str(bios, 'bdate')) };
  return facts.vendor === null && facts.version === null && facts.date === null ? null : facts;
}

/** dmidecode writes MM/DD/YYYY; the JSON format wants YYYY-MM-DD. */
function biosDate(raw: string | null): string | null {
  if (raw === null) return null;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : raw;
}

function operatingSystem(content: Node, hardware: Node | null): InventoryReport['os'] {
  const os = child(content, 'operatingsystem');
  if (os) {
    return {
      name: str(os, 'name'),
      version: str(os, 'version'),
      fullName: str(os, 'full_name'),
      arch: str(os, 'arch'),
      kernel: str(os, 'kernel_version'),
    };
  }
  // The OCS Unix agent has no OPERATINGSYSTEM section, only HARDWARE fields.
  const name = str(hardware, 'osname');
  if (name === null) return null;
  return { name, version: str(hardware, 'osversion'), fullName: name, arch: str(hardware, 'archname'), kernel: null };
}

/** A network device's own address, as one interface. */
function deviceInterface(device: Node | null): Node[] {
  if (!isNode(device) || str(device, 'mac') === null) return [];
  return [{ description: 'management', mac: str(device, 'mac'), type: 'ethernet', virtualdev: false }];
}

/** "192.168.1.103/192.168.124.1" (FusionInventory's HARDWARE IPADDR) → its addresses. */
function splitList(value: string | null): string[] {
  return value === null ? [] : value.split(/[/,;\s]+/).filter(Boolean);
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}
