import { bool, type Node, str, texts, field } from './content-access.js';
import type { InventoryNetwork } from './inventory-report.js';
import { isVirtualInterface, normalizeMac } from './mac-address.js';

interface RawInterface {
  description: string | null;
  mac: string | null;
  ips: string[];
  type: string | null;
  agentVirtualFlag: boolean | null;
}

/**
 * The network cards of a report. Agents send one entry per address (an interface with an IPv4 and
 * two IPv6 addresses comes three times): entries with the same name and MAC are merged.
 */
export function collectNetworks(entries: Node[]): InventoryNetwork[] {
  const merged = new Map<string, RawInterface>();
  for (const entry of entries) {
    const description = str(entry, 'description');
    const mac = normalizeMac(str(entry, 'mac') ?? str(entry, 'macaddr'));
    const ips = [...texts(field(entry, 'ipaddress')), ...texts(field(entry, 'ipaddress6'))];
    const key = `${description ?? ''}\u0000${mac ?? ''}`;
    const known = merged.get(key);
    if (known) {
      for (const ip of ips) if (!known.ips.includes(ip)) known.ips.push(ip);
      continue;
    }
    merged.set(key, { description, mac, ips: [...new Set(ips)], type: str(entry, 'type'), agentVirtualFlag: bool(entry, 'virtualdev') });
  }
  const interfaces = [...merged.values()];
  // Old FusionInventory agents on macOS flag every interface as virtual, en0 included: a flag set
  // on every interface that has a MAC tells nothing, only names and types are used then.
  const withMac = interfaces.filter((i) => i.mac !== null);
  const trustAgentFlag = !(withMac.length > 1 && withMac.every((i) => i.agentVirtualFlag === true));
  return interfaces.map((i) => ({
    description: i.description,
    mac: i.mac,
    ips: i.ips,
    type: i.type,
    virtual: isVirtualInterface(i, trustAgentFlag),
  }));
}

/** The machine's addresses: every interface's, without loopback, link-local or unspecified ones. */
export function collectIpAddresses(networks: InventoryNetwork[], extra: string[] = []): string[] {
  const addresses = new Set<string>();
  for (const ip of [...networks.flatMap((n) => n.ips), ...extra]) {
    const value = ip.trim().toLowerCase();
    if (isUsableAddress(value)) addresses.add(value);
  }
  return [...addresses];
}

function isUsableAddress(ip: string): boolean {
  if (/^(\d{1,3}\.){3}\d{1,3}$/.test(ip)) return !/^(127\.|169\.254\.|0\.0\.0\.0$)/.test(ip);
  if (ip.includes(':')) return ip !== '::' && ip !== '::1' && !/^fe[89ab][0-9a-f]:/.test(ip);
  return false;
}
