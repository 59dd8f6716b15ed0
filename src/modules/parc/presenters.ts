import { z } from 'zod';
import { canOnEstablishment, establishmentScope, type Actor } from '../../server/platform/authz.js';
import type { assetEvents, assetMatches, assets } from './db/schema.js';

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
  version: z.number(),
  permissions: z.object({ update: z.boolean() }),
});

interface AssetRow {
  asset: typeof assets.$inferSelect;
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
export function presentAssetSummary(row: AssetRow, actor: Actor, options: { staleBefore?: Date | null } = {}) {
  const a = row.asset;
  return {
    id: a.id,
    name: a.name,
    serial: a.serial,
    inventoryNumber: a.inventoryNumber,
    uai: row.uai,
    establishmentName: row.establishmentName,
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
    version: a.version,
    permissions: { update: canUpdate(actor, row) },
  };
}

export const assetDetailSchema = assetSummarySchema.extend({
  roomId: z.string().nullable(),
  ownerKind: z.string(),
  funder: z.string().nullable(),
  fundingSource: z.string().nullable(),
  supplier: z.string().nullable(),
  orderReference: z.string().nullable(),
  purchasePrice: z.number().nullable(),
  imageVersion: z.string().nullable(),
  hardware: z.unknown(),
  agentDeviceId: z.string().nullable(),
  hardwareUuid: z.string().nullable(),
  lockedFields: z.array(z.string()),
  software: z.array(z.object({ name: z.string(), publisher: z.string().nullable(), version: z.string() })),
  history: z.array(z.object({ at: z.string(), kind: z.string(), source: z.string(), actorLabel: z.string(), summary: z.string() })),
  matches: z.array(z.object({ id: z.number(), at: z.string(), kind: z.string(), reason: z.string(), undone: z.boolean() })),
});

export function presentAssetDetail(
  row: AssetRow & {
    software: { name: string; publisher: string | null; version: string }[];
    history: (typeof assetEvents.$inferSelect)[];
    matches: (typeof assetMatches.$inferSelect)[];
  },
  actor: Actor,
  options: { staleBefore?: Date | null } = {},
) {
  const a = row.asset;
  return {
    ...presentAssetSummary(row, actor, options),
    roomId: a.roomId,
    ownerKind: a.ownerKind,
    funder: a.funder,
    fundingSource: a.fundingSource,
    supplier: a.supplier,
    orderReference: a.orderReference,
    purchasePrice: a.purchasePrice === null ? null : Number(a.purchasePrice),
    imageVersion: a.imageVersion,
    hardware: row.asset.hardware,
    agentDeviceId: row.asset.agentDeviceId,
    hardwareUuid: row.asset.hardwareUuid,
    lockedFields: row.asset.lockedFields,
    software: row.software,
    history: row.history.map((e) => ({ at: e.at.toISOString(), kind: e.kind, source: e.source, actorLabel: e.actorLabel, summary: e.summary })),
    matches: row.matches.map((m) => ({ id: m.id, at: m.at.toISOString(), kind: m.kind, reason: m.reason, undone: m.undoneAt !== null })),
  };
}
