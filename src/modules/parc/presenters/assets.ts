import { z } from 'zod';
import { canOnEstablishment, establishmentScope, type Actor } from '../../../server/platform/authz.js';
import type { assetEvents, assetMatches, assets } from '../db/schema.js';
import { displayName } from '../../../shared/display-name.js';

export const assetSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  inventoryNumber: z.string().nullable(),
  uai: z.string().nullable(),
  establishmentName: z.string().nullable(),
  class: z.string(),
  status: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  memoryMb: z.number().nullable(),
  softwareCount: z.number(),
  macAddresses: z.array(z.string()),
  warrantyEnd: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  lastInventoryAt: z.string().nullable(),
  /** Not inventoried for longer than the tenant's staleAfterDays (devices no agent reports are never stale). */
  stale: z.boolean(),
  /** While lent: to whom and until when; overdue once that day is past. */
  loan: z.object({ borrower: z.string(), due: z.string().nullable(), overdue: z.boolean() }).nullable(),
  version: z.number(),
  permissions: z.object({ update: z.boolean() }),
});

/** The columns a line of the list needs (see lineColumns in operations/find-assets.ts); a full row has them all. */
export type AssetSummaryFields = Pick<
  typeof assets.$inferSelect,
  | 'id'
  | 'establishmentId'
  | 'assetClass'
  | 'status'
  | 'name'
  | 'serial'
  | 'inventoryNumber'
  | 'manufacturer'
  | 'model'
  | 'osName'
  | 'osVersion'
  | 'memoryMb'
  | 'softwareCount'
  | 'macAddresses'
  | 'warrantyEnd'
  | 'purchaseDate'
  | 'lastInventoryAt'
  | 'loanBorrower'
  | 'loanDue'
  | 'version'
>;

interface AssetRow<A extends AssetSummaryFields = AssetSummaryFields> {
  asset: A;
  uai: string | null;
  establishmentName: string | null;
  unitId: string | null;
  academyCode: string | null;
}

function canUpdate(actor: Actor, row: AssetRow) {
  if (!row.asset.establishmentId) return establishmentScope(actor, 'asset.update').all;
  return canOnEstablishment(actor, 'asset.update', { id: row.asset.establishmentId, unitId: row.unitId, academyCode: row.academyCode });
}

/** `staleBefore`: the tenant's threshold (now − staleAfterDays); without it no device is flagged. */
/** `today` (YYYY-MM-DD): loans due before it are overdue. */
export function presentAssetSummary(row: AssetRow, actor: Actor, options: { staleBefore?: Date | null; today?: string } = {}) {
  const a = row.asset;
  return {
    id: a.id,
    name: a.name,
    serial: a.serial,
    inventoryNumber: a.inventoryNumber,
    uai: row.uai,
    establishmentName: row.establishmentName && displayName(row.establishmentName),
    class: a.assetClass,
    status: a.status,
    manufacturer: a.manufacturer,
    model: a.model,
    osName: a.osName,
    osVersion: a.osVersion,
    memoryMb: a.memoryMb,
    softwareCount: a.softwareCount,
    macAddresses: a.macAddresses,
    warrantyEnd: a.warrantyEnd,
    purchaseDate: a.purchaseDate,
    lastInventoryAt: a.lastInventoryAt?.toISOString() ?? null,
    stale: !!options.staleBefore && a.lastInventoryAt !== null && a.lastInventoryAt < options.staleBefore,
    loan: a.loanBorrower ? { borrower: a.loanBorrower, due: a.loanDue, overdue: !!a.loanDue && !!options.today && a.loanDue < options.today } : null,
    version: a.version,
    permissions: { update: canUpdate(actor, row) },
  };
}

const heldDeviceSchema = z.object({ id: z.string(), name: z.string().nullable(), serial: z.string().nullable(), class: z.string(), status: z.string() });

const maybeText = z.string().nullable();
const maybeNumber = z.number().nullable();
/**
 * The agent's detail kept per device (ingest/asset-fields.ts hardwareDocument): every section and
 * field optional, since a manual device has none and older reports lack some.
 */
const hardwareSchema = z
  .object({
    cpus: z.array(z.object({ name: maybeText, manufacturer: maybeText, cores: maybeNumber, threads: maybeNumber, speedMhz: maybeNumber }).partial()),
    storages: z.array(
      z.object({ name: maybeText, model: maybeText, manufacturer: maybeText, type: maybeText, sizeMb: maybeNumber, serial: maybeText }).partial(),
    ),
    networks: z.array(
      z.object({ description: maybeText, mac: maybeText, ips: z.array(z.string()), type: maybeText, virtual: z.boolean() }).partial(),
    ),
    bios: z.object({ vendor: maybeText, version: maybeText, date: maybeText }).partial().nullable(),
    os: z.object({ name: maybeText, version: maybeText, fullName: maybeText, arch: maybeText, kernel: maybeText }).partial().nullable(),
    chassisType: maybeText,
    ipAddresses: z.array(z.string()),
    agent: z.object({ source: maybeText, version: maybeText, deviceId: maybeText, ranAt: maybeText }).partial(),
  })
  .partial();

export const assetDetailSchema = assetSummarySchema.extend({
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  buildingName: z.string().nullable(),
  /** The mobile cart that holds this device. */
  cart: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** For a mobile cart: the devices it holds. */
  contents: z.array(heldDeviceSchema),
  ownerKind: z.string(),
  funder: z.string().nullable(),
  fundingSource: z.string().nullable(),
  supplier: z.string().nullable(),
  orderReference: z.string().nullable(),
  purchasePrice: z.number().nullable(),
  imageVersion: z.string().nullable(),
  hardware: hardwareSchema.nullable(),
  agentDeviceId: z.string().nullable(),
  hardwareUuid: z.string().nullable(),
  /** The last logged-in user the agent reported; null unless the authority keeps it (inventory settings). */
  lastUser: z.string().nullable(),
  lockedFields: z.array(z.string()),
  software: z.array(z.object({ name: z.string(), publisher: z.string().nullable(), version: z.string() })),
  history: z.array(z.object({ at: z.string(), kind: z.string(), source: z.string(), actorLabel: z.string(), summary: z.string() })),
  matches: z.array(z.object({ id: z.number(), at: z.string(), kind: z.string(), reason: z.string(), undone: z.boolean() })),
});

export function presentAssetDetail(
  row: AssetRow<typeof assets.$inferSelect> & {
    place: { roomName: string | null; buildingName: string | null };
    cart: { id: string; name: string | null } | null;
    contents: { id: string; name: string | null; serial: string | null; assetClass: string; status: string }[];
    software: { name: string; publisher: string | null; version: string }[];
    history: (typeof assetEvents.$inferSelect)[];
    matches: (typeof assetMatches.$inferSelect)[];
    /** Already filtered by the tenant's setting (get-asset.ts). */
    lastUser?: string | null;
  },
  actor: Actor,
  options: { staleBefore?: Date | null; today?: string } = {},
) {
  const a = row.asset;
  return {
    ...presentAssetSummary(row, actor, options),
    roomId: a.roomId,
    roomName: row.place.roomName,
    buildingName: row.place.buildingName,
    cart: row.cart,
    contents: row.contents.map((d) => ({ id: d.id, name: d.name, serial: d.serial, class: d.assetClass, status: d.status })),
    ownerKind: a.ownerKind,
    funder: a.funder,
    fundingSource: a.fundingSource,
    supplier: a.supplier,
    orderReference: a.orderReference,
    purchasePrice: a.purchasePrice === null ? null : Number(a.purchasePrice),
    imageVersion: a.imageVersion,
    hardware: row.asset.hardware as z.infer<typeof hardwareSchema> | null,
    agentDeviceId: row.asset.agentDeviceId,
    hardwareUuid: row.asset.hardwareUuid,
    lastUser: row.lastUser ?? null,
    lockedFields: row.asset.lockedFields,
    software: row.software,
    history: row.history.map((e) => ({ at: e.at.toISOString(), kind: e.kind, source: e.source, actorLabel: e.actorLabel, summary: e.summary })),
    matches: row.matches.map((m) => ({ id: m.id, at: m.at.toISOString(), kind: m.kind, reason: m.reason, undone: m.undoneAt !== null })),
  };
}
