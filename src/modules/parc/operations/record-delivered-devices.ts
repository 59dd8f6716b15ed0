import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { pgArray } from '../../../server/platform/prepared.js';
import type { AssetClass, FundingSource, OwnerKind } from '../../../shared/fleet.js';
import { assets, deploymentBatches, deploymentItems } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import { serialKey as storedSerialKey } from './asset-identity.js';

export interface DeliveredDevice {
  /** Already a key (upper case, no spaces: deployment-serials.ts serialKey). */
  serial: string;
  establishmentId: string;
  roomId: string | null;
  assetClass: AssetClass;
  model: string | null;
  purchasePriceCents: number;
  warrantyEnd: string | null;
}

export interface DeliveredDevicesInput {
  tenantId: string;
  orderReference: string;
  supplier: string;
  ownerKind: OwnerKind;
  fundingSource: FundingSource | null;
  purchaseDate: string;
  deliveredAt: Date;
  createdBy: string;
  devices: DeliveredDevice[];
}

const chunkSize = 1000;
const chunks = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / chunkSize) }, (_, i) => list.slice(i * chunkSize, (i + 1) * chunkSize));

/**
 * Devices delivered against an order, created in the fleet at status « delivered » and added to
 * their site's deployment batch for the order (opened at the first delivery, fed by the next).
 * Run it inside the caller's transaction: a serial already in the fleet or in a delivery refuses
 * the whole set (CONFLICT naming the serials), and the deployment items' unique serial key keeps
 * two concurrent deliveries from creating the same device twice. Rows go in multi-row inserts of
 * a thousand, so ten thousand serials are a few dozen statements.
 */
export async function recordDeliveredDevices(db: Db, input: DeliveredDevicesInput): Promise<{ created: number; batchIds: string[] }> {
  const { tenantId } = input;
  const serials = input.devices.map((d) => d.serial);
  if (serials.length === 0) return { created: 0, batchIds: [] };
  const inFleet: string[] = [];
  for (const part of chunks(serials)) {
    const rows = await db
      .select({ serial: sql<string>`${storedSerialKey}` })
      .from(assets)
      .where(and(eq(assets.tenantId, tenantId), sql`${storedSerialKey} = any(${pgArray(part)}::text[])`));
    inFleet.push(...rows.map((r) => r.serial));
  }
  if (inFleet.length) throw serialsTaken(inFleet);

  const bySite = new Map<string, DeliveredDevice[]>();
  for (const d of input.devices) bySite.set(d.establishmentId, [...(bySite.get(d.establishmentId) ?? []), d]);
  const batchIds = new Map<string, string>();
  const open = await db
    .select({ id: deploymentBatches.id, establishmentId: deploymentBatches.establishmentId })
    .from(deploymentBatches)
    .where(and(eq(deploymentBatches.tenantId, tenantId), eq(deploymentBatches.orderReference, input.orderReference), inArray(deploymentBatches.establishmentId, [...bySite.keys()])));
  for (const b of open) batchIds.set(b.establishmentId, b.id);
  for (const [establishmentId, list] of bySite) {
    const existing = batchIds.get(establishmentId);
    if (existing) {
      await db
        .update(deploymentBatches)
        .set({ expectedCount: sql`${deploymentBatches.expectedCount} + ${list.length}` })
        .where(and(eq(deploymentBatches.tenantId, tenantId), eq(deploymentBatches.id, existing)));
      continue;
    }
    const [batch] = await db
      .insert(deploymentBatches)
      .values({
        tenantId,
        establishmentId,
        label: `Commande ${input.orderReference}`,
        assetClass: list[0].assetClass,
        expectedCount: list.length,
        deliveredAt: input.deliveredAt,
        orderReference: input.orderReference,
        createdBy: input.createdBy,
        createdAt: input.deliveredAt,
      })
      .returning({ id: deploymentBatches.id });
    batchIds.set(establishmentId, batch.id);
  }

  const taken: string[] = [];
  for (const part of chunks(input.devices)) {
    const inserted = await db
      .insert(deploymentItems)
      .values(part.map((d) => ({ tenantId, batchId: batchIds.get(d.establishmentId)!, serial: d.serial, step: 'delivered', stepAt: input.deliveredAt })))
      .onConflictDoNothing({ target: [deploymentItems.tenantId, deploymentItems.serial] })
      .returning({ serial: deploymentItems.serial });
    if (inserted.length < part.length) {
      const ok = new Set(inserted.map((r) => r.serial));
      taken.push(...part.filter((d) => !ok.has(d.serial)).map((d) => d.serial));
    }
  }
  if (taken.length) throw serialsTaken(taken);

  for (const part of chunks(input.devices)) {
    await db.insert(assets).values(
      part.map((d) => ({
        tenantId,
        establishmentId: d.establishmentId,
        roomId: d.roomId,
        assetClass: d.assetClass,
        status: 'delivered',
        serial: d.serial,
        model: d.model,
        ownerKind: input.ownerKind,
        funder: input.ownerKind,
        fundingSource: input.fundingSource,
        supplier: input.supplier,
        orderReference: input.orderReference,
        purchaseDate: input.purchaseDate,
        purchasePrice: (d.purchasePriceCents / 100).toFixed(2),
        warrantyEnd: d.warrantyEnd,
        searchText: assetSearchText({ serial: d.serial }),
        createdAt: input.deliveredAt,
        updatedAt: input.deliveredAt,
      })),
    );
  }
  return { created: input.devices.length, batchIds: [...batchIds.values()] };
}

function serialsTaken(serials: string[]) {
  return new AppError('CONFLICT', `${serials.length} numéro(s) de série figurent déjà dans le parc ou dans une livraison : rien n'a été enregistré.`, {
    details: { serials: serials.slice(0, 100) },
    issues: serials.slice(0, 100).map((s) => ({ path: 'serials', message: `Le numéro de série ${s} est déjà connu.` })),
  });
}
