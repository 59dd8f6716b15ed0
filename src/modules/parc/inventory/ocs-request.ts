import { AppError } from '../../../server/platform/errors.js';
import type { InventoryLimits } from './limits.js';
import { parseXml, type XmlElement } from './parse-xml.js';

/**
 * An OCS Inventory / FusionInventory message: `<REQUEST><QUERY>…</QUERY><DEVICEID>…</DEVICEID>
 * <CONTENT>…</CONTENT></REQUEST>`. PROLOG comes first (the server says whether to send), then
 * INVENTORY (a computer), or SNMPQUERY / SNMP / NETDISCOVERY (network devices, from the
 * FusionInventory network tasks).
 */
export const ocsQueries = ['PROLOG', 'INVENTORY', 'SNMPQUERY', 'SNMP', 'NETDISCOVERY'] as const;
export type OcsQuery = (typeof ocsQueries)[number];

export interface OcsRequest {
  query: OcsQuery;
  deviceId: string;
  /** Sent in PROLOG by old FusionInventory agents (2.1 and earlier). */
  token: string | null;
  /** `<ITEMTYPE>` sent by the GLPI Android agent. */
  itemType: string | null;
  /** `<CONTENT>`, names in lower case (as in the JSON format), repeatable sections as arrays; null for a PROLOG. */
  content: XmlElement | null;
}

/** Sections of CONTENT that hold a single element; every other one is a list. */
const singleSections = new Set([
  'HARDWARE',
  'BIOS',
  'OPERATINGSYSTEM',
  'ACCESSLOG',
  'VERSIONCLIENT',
  'VERSIONPROVIDER',
  'MODULEVERSION',
  'PROCESSNUMBER',
  'AGENT',
  'RUDDER',
]);
/** Lists inside a network device (SNMPQUERY), whose other children are single elements. */
const deviceLists = new Set(['FIRMWARES', 'MODEMS', 'SIMCARDS', 'DRIVES', 'STORAGES', 'MEMORIES', 'CPUS', 'BATTERIES', 'POWERSUPPLIES', 'SOFTWARES']);
/** Containers whose children are always lists (`<IPS><IP>…</IP></IPS>`, `<PORTS><PORT>`…). */
const listContainers = new Set(['IPS', 'PORTS', 'COMPONENTS', 'CONNECTIONS', 'VLANS', 'AGGREGATE']);

export function isOcsArrayPath(path: string): boolean {
  const parts = path.split('.');
  if (parts[0] !== 'REQUEST' || parts[1] !== 'CONTENT' || parts.length < 3) return false;
  if (parts.length === 3) return parts[2] === 'DEVICE' || !singleSections.has(parts[2]);
  if (parts[2] === 'DEVICE' && parts.length === 4) return deviceLists.has(parts[3]);
  return listContainers.has(parts[parts.length - 2]);
}

const MAX_DEVICE_ID = 255;

export function parseOcsRequest(text: string, limits?: Partial<InventoryLimits>): OcsRequest {
  const document = parseXml(text, { limits, isArray: isOcsArrayPath, lowerCaseNames: true });
  const roots = Object.keys(document);
  const request = document.request;
  if (roots.length !== 1 || !isElement(request)) {
    throw new AppError('BAD_REQUEST', "Le document XML n'est pas une requête d'agent : l'élément racine doit être <REQUEST>.", {
      details: { roots: roots.slice(0, 5) },
    });
  }
  const query = (text1(request.query) ?? 'INVENTORY').toUpperCase();
  if (!(ocsQueries as readonly string[]).includes(query)) {
    throw new AppError('UNPROCESSABLE', `Requête d'agent « ${query.slice(0, 40)} » non prise en charge (attendu : ${ocsQueries.join(', ')}).`, {
      details: { query: query.slice(0, 40) },
    });
  }
  const deviceId = text1(request.deviceid);
  if (!deviceId) throw new AppError('BAD_REQUEST', "La requête n'a pas de DEVICEID : l'agent ne peut pas être identifié.");
  if (deviceId.length > MAX_DEVICE_ID) {
    throw new AppError('BAD_REQUEST', `Le DEVICEID dépasse ${MAX_DEVICE_ID} caractères.`);
  }
  const content = request.content;
  if (query !== 'PROLOG' && !isElement(content)) {
    throw new AppError('BAD_REQUEST', `La requête ${query} n'a pas de CONTENT : aucun inventaire reçu.`);
  }
  return {
    query: query as OcsQuery,
    deviceId,
    token: text1(request.token),
    itemType: text1(request.itemtype),
    content: isElement(content) ? content : null,
  };
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text element; the first one when the element is repeated; null when absent or blank. */
function text1(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}
