import { AppError } from '../../../server/platform/errors.js';
import { child, isNode, list, type Node, str, texts, field } from './content-access.js';
import { type InventoryReport, type InventorySource, type ItemType, itemTypes } from './inventory-report.js';
import { normalizeContent } from './normalize-content.js';
import type { OcsRequest } from './ocs-request.js';

export interface NormalizeOcsOptions {
  /** The request's User-Agent: the OCS agent names itself only there (OCS-NG_unified_unix_agent_v2.10.0). */
  userAgent?: string;
}

/**
 * An OCS Inventory / FusionInventory XML message → InventoryReport. INVENTORY describes a
 * computer; SNMPQUERY, SNMP and NETDISCOVERY describe one network device or printer, read by the
 * FusionInventory network tasks (only the first DEVICE is read: the agents send one per message).
 */
export function normalizeOcs(request: OcsRequest, options: NormalizeOcsOptions = {}): InventoryReport {
  if (request.query === 'PROLOG' || request.content === null) {
    throw new AppError('UNPROCESSABLE', "Une requête PROLOG n'est pas un inventaire : elle appelle une réponse PROLOG.");
  }
  const content = request.content as Node; // names already in lower case (parseOcsRequest)
  const isNetwork = request.query !== 'INVENTORY';
  const device = isNetwork ? networkDevice(content) : null;
  const declared = isNetwork ? deviceItemType(str(device, 'type')) : computerItemType(request.itemType);
  // a device queried over SNMP (SNMPQUERY, SNMP) without a type is network equipment; a host a
  // discovery saw without naming its kind stays unmanaged (classed by hand)
  const itemType = declared === 'Unmanaged' && request.query !== 'NETDISCOVERY' ? 'NetworkEquipment' : declared;
  const partial = request.query === 'NETDISCOVERY';
  const facts = normalizeContent(device ? { network_device: device } : content, { itemType, partial });
  return {
    source: source(str(content, 'versionclient'), options.userAgent, isNetwork),
    format: 'xml',
    action: request.query === 'INVENTORY' ? 'inventory' : request.query === 'NETDISCOVERY' ? 'netdiscovery' : 'netinventory',
    itemType,
    deviceId: request.deviceId,
    tag: accountTag(content),
    partial,
    ...facts,
  };
}

/** `<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>…</KEYVALUE></ACCOUNTINFO>`, set by `--tag`. */
function accountTag(content: Node): string | null {
  const entry = list(content, 'accountinfo').find((info) => str(info, 'keyname')?.toUpperCase() === 'TAG');
  return entry ? str(entry, 'keyvalue') : null;
}

function source(versionClient: string | null, userAgent: string | undefined, isNetwork: boolean): InventorySource {
  const client = `${versionClient ?? ''} ${userAgent ?? ''}`;
  if (/fusioninventory/i.test(client)) return 'fusioninventory';
  if (/glpi/i.test(client)) return 'glpi-agent';
  if (/ocs/i.test(client)) return 'ocs';
  // Network devices only come from the FusionInventory (or GLPI Agent) network tasks.
  return isNetwork ? 'fusioninventory' : 'ocs';
}

function computerItemType(declared: string | null): ItemType {
  return itemTypes.find((type) => type.toLowerCase() === declared?.toLowerCase()) ?? 'Computer';
}

function deviceItemType(type: string | null): ItemType {
  switch (type?.toUpperCase()) {
    case 'PRINTER':
      return 'Printer';
    case 'NETWORKING':
    case 'STORAGE':
    case 'POWER':
      return 'NetworkEquipment';
    case 'PHONE':
      return 'Phone';
    case 'COMPUTER':
      return 'Computer';
    default:
      return 'Unmanaged';
  }
}

/**
 * The DEVICE of a network message, shaped like the JSON format's `network_device`: SNMPQUERY puts
 * its facts in `<INFO>`, NETDISCOVERY directly in `<DEVICE>` with other names.
 */
function networkDevice(content: Node): Node | null {
  const device = list(content, 'device')[0];
  if (!isNode(device)) return null;
  const info = child(device, 'info') ?? device;
  return {
    name: str(info, 'name') ?? str(info, 'snmphostname') ?? str(info, 'dnshostname') ?? str(info, 'netbiosname'),
    serial: str(info, 'serial'),
    mac: str(info, 'mac'),
    manufacturer: str(info, 'manufacturer'),
    model: str(info, 'model'),
    type: str(info, 'type'),
    // sysDescr: SNMPQUERY's COMMENTS, NETDISCOVERY's DESCRIPTION (what tells a router from a switch)
    description: str(info, 'comments') ?? str(info, 'description'),
    ips: [...texts(field(child(info, 'ips'), 'ip')), ...texts(field(info, 'ip'))],
  };
}
