/**
 * MAC addresses: normalised for comparison, and told apart when they do not identify a machine
 * (virtual interfaces, addresses every host of a hypervisor shares, random or locally set ones).
 */

/** aa:bb:cc:dd:ee:ff from "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff" or "aabbccddeeff"; null if not a MAC. */
export function normalizeMac(raw: string | null): string | null {
  if (raw === null) return null;
  const value = raw.trim().toLowerCase();
  let hex: string;
  if (/^([0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}$/.test(value)) {
    hex = value
      .split(/[:-]/)
      .map((part) => part.padStart(2, '0'))
      .join('');
  } else if (/^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/.test(value) || /^[0-9a-f]{12}$/.test(value)) {
    hex = value.replace(/\./g, '');
  } else {
    return null;
  }
  if (hex === '000000000000' || hex === 'ffffffffffff') return null;
  return hex.match(/../g)!.join(':');
}

/**
 * Interfaces whose MAC says nothing about the hardware: loopback, bridges, tunnels and VPNs,
 * container and hypervisor networks, Apple's peer-to-peer ones, Windows' virtual adapters
 * (in English or French: "Carte virtuelle…").
 */
const virtualNames =
  /^(lo\d*|docker\d+|veth\w*|virbr\d+(-nic)?|vmnet\d+|vboxnet\d+|vnet\d+|br-\w+|bridge\d+|tun\d+|tap\d+|wg\d+|zt\w{8,}|tailscale\d+|ifb\d+|dummy\d+|awdl\d+|llw\d+|utun\d+|p2p\d+|gif\d+|stf\d+|anpi\d+|ap\d+|cali\w+|flannel\.\d+|cni\d+|kube-\w+|lxcbr\d+|lxdbr\d+)$/i;
const virtualDescriptions =
  /virtual|virtuel|loopback|hyper-v|vmware|virtualbox|tap-windows|wan miniport|teredo|isatap|6to4|pseudo-interface|vpn|wintun|wireguard|npcap|kernel debug/i;
const virtualTypes = new Set(['loopback', 'bridge', 'alias', 'dialup', 'tunnel']);

export interface InterfaceFacts {
  description: string | null;
  type: string | null;
  /** The agent's own VIRTUALDEV flag, when it sent one. */
  agentVirtualFlag: boolean | null;
}

export function isVirtualInterface(facts: InterfaceFacts, trustAgentFlag: boolean): boolean {
  const description = facts.description ?? '';
  // Unix interface names are single words (eth0, docker0); Windows gives adapter descriptions.
  if (virtualNames.test(description) || virtualDescriptions.test(description)) return true;
  if (facts.type !== null && virtualTypes.has(facts.type.toLowerCase())) return true;
  return trustAgentFlag && facts.agentVirtualFlag === true;
}

/** Addresses hypervisors give the same way on every host, so shared by unrelated machines. */
const sharedMacs = new Set([
  '0a:00:27:00:00:00', // VirtualBox host-only adapter
  '00:50:56:c0:00:01', // VMware Workstation VMnet1
  '00:50:56:c0:00:08', // VMware Workstation VMnet8
  '52:54:00:12:34:56', // QEMU default
  '00:ff:00:00:00:00',
]);

/**
 * Whether a MAC can identify a machine: a globally unique (burned-in) unicast address. Locally
 * administered ones (second bit of the first byte: random Wi-Fi addresses, containers, cloned VMs)
 * are chosen by software and may repeat across machines.
 */
export function isIdentityMac(mac: string): boolean {
  const first = Number.parseInt(mac.slice(0, 2), 16);
  if ((first & 0x01) !== 0 || (first & 0x02) !== 0) return false;
  return !sharedMacs.has(mac);
}
