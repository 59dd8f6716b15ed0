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
  osName: string | null;
  hasBatteries: boolean;
}

/** SMBIOS 3.x chassis types (DMTF DSP0134, table 17), by number and by name. */
const chassisByNumber: Record<number, AssetClass> = {
  3: 'desktop', 4: 'desktop', 5: 'desktop', 6: 'desktop', 7: 'desktop', 13: 'desktop', 15: 'desktop', 16: 'desktop',
  24: 'desktop', 34: 'desktop', 35: 'desktop', 36: 'desktop',
  8: 'laptop', 9: 'laptop', 10: 'laptop', 11: 'laptop', 14: 'laptop', 31: 'laptop', 32: 'laptop',
  30: 'mobile',
  17: 'server', 23: 'server', 25: 'server', 28: 'server', 29: 'server',
};
const chassisByName: [RegExp, AssetClass][] = [
  [/notebook|laptop|portable|hand ?held|convertible|detachable/i, 'laptop'],
  [/tablet/i, 'mobile'],
  [/server|rack|blade|multi-system/i, 'server'],
  [/desktop|tower|all[ -]in[ -]one|pizza|lunch ?box|space-saving|mini ?pc|stick ?pc|embedded|sealed-case/i, 'desktop'],
];

const virtualMakers = /^(qemu|vmware|innotek|xen|bochs|parallels|red hat|ovirt|openstack|amazon ec2|google compute)/i;
const virtualModels = /virtual machine|virtualbox|vmware|kvm|hvm domu|standard pc \(|bochs/i;

export function guessAssetClass(clues: AssetClassClues): AssetClass {
  if (clues.itemType === 'NetworkEquipment') return 'network';
  if (clues.itemType === 'Printer') return 'printer';
  if (clues.itemType === 'Phone') return 'mobile';
  const vm = clues.vmSystem?.trim().toLowerCase();
  if (vm && vm !== 'physical') return 'virtual';
  if ((clues.manufacturer && virtualMakers.test(clues.manufacturer)) || (clues.model && virtualModels.test(clues.model))) {
    return 'virtual';
  }
  const fromChassis = chassisClass(clues.chassisType);
  if (fromChassis) return fromChassis;
  if (clues.osName && /android|ios|ipados/i.test(clues.osName)) return 'mobile';
  if (clues.model && /macbook/i.test(clues.model)) return 'laptop';
  if (clues.model && /imac|mac ?mini|mac ?pro|mac ?studio/i.test(clues.model)) return 'desktop';
  if (clues.osName && /windows.*server|server.*windows/i.test(clues.osName)) return 'server';
  if (clues.hasBatteries) return 'laptop';
  return 'unknown';
}

function chassisClass(chassisType: string | null): AssetClass | null {
  if (!chassisType) return null;
  const value = chassisType.trim();
  if (/^\d+$/.test(value)) return chassisByNumber[Number(value)] ?? null;
  for (const [pattern, assetClass] of chassisByName) if (pattern.test(value)) return assetClass;
  return null;
}
