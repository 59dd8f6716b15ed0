/** Shapes of the fleet API (src/modules/parc/presenters.ts and routes/*-presenters.ts). */

export interface AssetSummary {
  id: string;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  uai: string | null;
  establishmentName: string | null;
  class: string;
  status: string;
  manufacturer: string | null;
  model: string | null;
  osName: string | null;
  osVersion: string | null;
  memoryMb: number | null;
  softwareCount: number;
  macAddresses: string[];
  warrantyEnd: string | null;
  purchaseDate: string | null;
  lastInventoryAt: string | null;
  stale: boolean;
  /** While lent: to whom, until when (YYYY-MM-DD), overdue once that day is past. */
  loan: { borrower: string; due: string | null; overdue: boolean } | null;
  version: number;
  permissions: { update: boolean };
}

export interface HeldDevice {
  id: string;
  name: string | null;
  serial: string | null;
  class: string;
  status: string;
}

export interface HardwareCpu {
  name: string | null;
  manufacturer: string | null;
  cores: number | null;
  threads: number | null;
  speedMhz: number | null;
}
export interface HardwareStorage {
  name: string | null;
  model: string | null;
  manufacturer: string | null;
  type: string | null;
  sizeMb: number | null;
  serial: string | null;
}
export interface HardwareNetwork {
  description: string | null;
  mac: string | null;
  ips: string[];
  type: string | null;
  virtual: boolean;
}

/** The agent's detail, section by section; any section may be missing (manual devices have none). */
export interface Hardware {
  cpus?: HardwareCpu[];
  storages?: HardwareStorage[];
  networks?: HardwareNetwork[];
  bios?: { vendor: string | null; version: string | null; date: string | null } | null;
  os?: { name: string | null; version: string | null; fullName: string | null; arch: string | null; kernel: string | null } | null;
  chassisType?: string | null;
  ipAddresses?: string[];
  agent?: { source: string | null; version: string | null; deviceId: string | null; ranAt: string | null };
}

export interface AssetEvent {
  at: string;
  kind: string;
  source: string;
  actorLabel: string;
  summary: string;
}

export interface AssetMatch {
  id: number;
  at: string;
  kind: string;
  reason: string;
  undone: boolean;
}

export interface AssetDetail extends AssetSummary {
  roomId: string | null;
  roomName: string | null;
  buildingName: string | null;
  /** The mobile cart that holds this device. */
  cart: { id: string; name: string | null } | null;
  /** For a mobile cart: what it holds. */
  contents: HeldDevice[];
  ownerKind: string;
  funder: string | null;
  fundingSource: string | null;
  supplier: string | null;
  orderReference: string | null;
  purchasePrice: number | null;
  imageVersion: string | null;
  hardware: Hardware | null;
  agentDeviceId: string | null;
  hardwareUuid: string | null;
  /** Null unless the authority keeps the last logged-in user (inventory settings). */
  lastUser: string | null;
  lockedFields: string[];
  software: { name: string; publisher: string | null; version: string }[];
  history: AssetEvent[];
  matches: AssetMatch[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface FleetStats {
  establishment: { uai: string; name: string; pupils: number | null } | null;
  asOf: string;
  total: number;
  fleet: number;
  byClass: { class: string; label: string; count: number }[];
  byStatus: { status: string; label: string; count: number }[];
  byClassAndStatus: { class: string; status: string; count: number }[];
  agePyramid: { bucket: number; label: string; minYears: number | null; maxYears: number | null; count: number; byClass: Record<string, number> }[];
  operatingSystems: { name: string | null; version: string | null; devices: number; establishments: number }[];
  warranty: { covered: number; expired: number; unknown: number; outOfWarrantyShare: number | null };
  stale: { afterDays: number; count: number };
  pupils: { pupils: number | null; computers: number; tablets: number; pupilsPerComputer: number | null; pupilsPerDevice: number | null };
  expectedLifeYears: Record<string, number>;
}

export interface RenewalForecast {
  from: number;
  years: number;
  establishment: { uai: string; name: string; pupils: number | null } | null;
  expectedLifeYears: Record<string, number>;
  averagePrice: Record<string, number | null>;
  rows: { year: number; uai: string | null; establishmentName: string | null; class: string; classLabel: string; due: number; overdue: number; estimatedCost: number | null }[];
  totals: { year: number; due: number; overdue: number; estimatedCost: number; unpriced: number }[];
  unknownAge: { class: string; count: number }[];
}

export type StepCounts = { delivered: number; installed: number; imaged: number; 'in-service': number };

export interface Deployment {
  id: string;
  uai: string;
  establishmentName: string;
  label: string;
  class: string;
  expectedCount: number;
  orderReference: string | null;
  deliveredAt: string;
  deadlineHours: number;
  deadlineAt: string;
  steps: StepCounts;
  registered: number;
  inService: number;
  remaining: number;
  onTime: number;
  onTimeShare: number;
  complete: boolean;
  late: boolean;
  hoursLate: number | null;
  hoursLeft: number | null;
  permissions: { advance: boolean };
}

export interface DeploymentItem {
  serial: string;
  step: string;
  stepLabel: string;
  stepAt: string;
  installedAt: string | null;
  imagedAt: string | null;
  inServiceAt: string | null;
  firstSeenAt: string | null;
  assetId: string | null;
  assetName: string | null;
}

export interface DeploymentDetail extends Deployment {
  items: DeploymentItem[];
}

export interface DeploymentList {
  items: Deployment[];
  summary: { batches: number; sites: number; expected: number; late: number; steps: StepCounts; onTime: number };
  stepLabels: Record<string, string>;
}

export interface InventorySettings {
  requireCredentials: boolean;
  acceptTaggedAgents: boolean;
  tagsOnlyFromNetworks: boolean;
  networks: string[];
  storeLastUser: boolean;
  staleAfterDays: number;
  expectedLifeYears: Record<string, number>;
  version: number;
}

export interface AgentCredential {
  username: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface UnassignedReport {
  id: string;
  receivedAt: string;
  source: string;
  deviceId: string | null;
  tag: string | null;
  remoteAddress: string | null;
  reason: 'tag' | 'network';
  name: string | null;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  os: string | null;
}
