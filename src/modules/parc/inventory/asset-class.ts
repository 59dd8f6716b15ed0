import type { AssetClass, ItemType } from './inventory-report.js';

/** What kind of machine a report describes, from the SMBIOS chassis type and a few other clues. */
export interface AssetClassClues {
  itemType: ItemType;
  /** SMBIOS chassis type name (Notebook, Desktop, Rack Mount Chassis…) or number (3, 10…). */
  chassisType: string | null;
  /** HARDWARE VMSYSTEM: "Physical", or the hypervisor (VMware, KVM, Hyper-V, Docker…). */
  vmSystem: string | null;
  manufacturer: string | null;
  model: string | null;
  /** The system's name and full name, as the agent wrote them ("Windows Microsoft Windows 11 Pro"). */
  osName: string | null;
  hasBatteries: boolean;
  /** A SIM card: an Android or iOS device with one is a phone, without one a tablet. */
  hasSimCards?: boolean;
  /**
   * A device read over SNMP: the GLPI schema's `network_device.type` (Networking, Printer, Storage,
   * Power, Phone, Video, KVM, Computer, Unmanaged) and its sysDescr (description, XML COMMENTS).
   */
  networkType?: string | null;
  description?: string | null;
}

/** SMBIOS 3.x chassis types (DMTF DSP0134, table 17), by number and by name. */
const chassisByNumber: Record<number, AssetClass> = {
  3: 'desktop', 4: 'desktop', 5: 'desktop', 6: 'desktop', 7: 'desktop', 13: 'desktop', 15: 'desktop', 16: 'desktop',
  24: 'desktop', 34: 'desktop', 35: 'desktop', 36: 'desktop',
  8: 'laptop', 9: 'laptop', 10: 'laptop', 11: 'laptop', 14: 'laptop', 31: 'laptop', 32: 'laptop',
  30: 'tablet',
  17: 'server', 23: 'server', 25: 'server', 28: 'server', 29: 'server',
};
const chassisByName: [RegExp, AssetClass][] = [
  [/notebook|laptop|portable|hand ?held|convertible|detachable/i, 'laptop'],
  [/tablet/i, 'tablet'],
  [/server|rack|blade|multi-system/i, 'server'],
  [/desktop|tower|all[ -]in[ -]one|pizza|lunch ?box|space-saving|mini ?pc|stick ?pc|embedded|sealed-case/i, 'desktop'],
];

const virtualMakers = /^(qemu|vmware|innotek|xen|bochs|parallels|red hat|ovirt|openstack|amazon ec2|google compute)/i;
const virtualModels = /virtual machine|virtualbox|vmware|kvm|hvm domu|standard pc \(|bochs/i;

export function guessAssetClass(clues: AssetClassClues): AssetClass {
  if (clues.itemType === 'NetworkEquipment' || clues.itemType === 'Printer' || readOverSnmp(clues.networkType)) return networkClass(clues);
  if (clues.itemType === 'Phone') return 'phone';
  const vm = clues.vmSystem?.trim().toLowerCase();
  if (vm && vm !== 'physical') return 'virtual';
  if ((clues.manufacturer && virtualMakers.test(clues.manufacturer)) || (clues.model && virtualModels.test(clues.model))) {
    return 'virtual';
  }
  // a Chromebook's chassis is a Notebook: the system tells it apart
  if ((clues.osName && /chrome ?os|chromium ?os/i.test(clues.osName)) || (clues.model && /chromebook/i.test(clues.model))) return 'chromebook';
  if (clues.osName && /android|\bios\b|ipados/i.test(clues.osName)) return handheldClass(clues);
  const fromChassis = chassisClass(clues.chassisType);
  if (fromChassis) return fromChassis;
  if (clues.model && /macbook/i.test(clues.model)) return 'laptop';
  if (clues.model && /imac|mac ?mini|mac ?pro|mac ?studio/i.test(clues.model)) return 'desktop';
  if (clues.osName && /windows.*server|server.*windows/i.test(clues.osName)) return 'server';
  if (clues.hasBatteries) return 'laptop';
  return 'unknown';
}

/** An Android or iOS device: a phone if it says so or holds a SIM card, else a tablet. */
function handheldClass(clues: AssetClassClues): AssetClass {
  if (clues.model && /iphone/i.test(clues.model)) return 'phone';
  if (clues.model && /ipad/i.test(clues.model)) return 'tablet';
  if (/tablet/i.test(clues.chassisType ?? '')) return 'tablet';
  return clues.hasSimCards ? 'phone' : 'tablet';
}

// What an SNMP device's model and sysDescr say it is, checked in this order (a firewall also routes).
const firewallModels = /firewall|fortigate|fortinet|palo ?alto|pfsense|opnsense|stormshield|netasq|sophos|watchguard|sonicwall|check ?point|\basa ?\d{4}/i;
const wifiModels = /wireless|wi-?fi|\bwlan\b|\bwlc\b|access ?point|aironet|\bair-(?:cap|ap|ct)|\bct\d{4}\b|\buap\b|unifi|meraki mr|ruckus|aruba (?:ap|instant)|\bwap\d/i;
const routerModels = /router|routeur|\bisr ?\d|\bwr\d{2}\b|digi transport|mikrotik|routerboard|edgerouter|\basr ?\d{3,4}\b|cisco (?:19|29|39|43|44)\d\d\b/i;

/**
 * A device read over SNMP (GLPI NetworkEquipment or Printer). The GLPI schema's type says little
 * (every switch, router, controller and firewall is "Networking"): the model and the sysDescr
 * tell a Wi-Fi controller or access point, a router or a firewall from a switch.
 */
function networkClass(clues: AssetClassClues): AssetClass {
  switch (clues.networkType?.toLowerCase()) {
    case 'printer':
      return 'printer';
    case 'phone':
      return 'phone';
    case 'video':
      return 'projector';
    case 'storage':
      return 'server'; // a NAS
  }
  if (clues.itemType === 'Printer') return 'printer';
  const text = `${clues.model ?? ''} ${clues.description ?? ''}`;
  if (firewallModels.test(text)) return 'firewall';
  if (wifiModels.test(text)) return 'wifi-access-point';
  if (routerModels.test(text)) return 'router';
  // Networking, KVM, Power (the cabinet's UPS) and unknown: the network cabinet's switch
  return 'switch';
}

/** A network discovery's type naming a device that is not a computer. */
function readOverSnmp(type: string | null | undefined): boolean {
  return !!type && !/^(computer|unmanaged)$/i.test(type);
}

function chassisClass(chassisType: string | null): AssetClass | null {
  if (!chassisType) return null;
  const value = chassisType.trim();
  if (/^\d+$/.test(value)) return chassisByNumber[Number(value)] ?? null;
  for (const [pattern, assetClass] of chassisByName) if (pattern.test(value)) return assetClass;
  return null;
}
