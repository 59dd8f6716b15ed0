import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { establishments } from '../../referentiel/db/schema.js';
import { checkUai } from '../../referentiel/uai.js';
import { assetEvents, assetMatches, assets } from '../db/schema.js';
import { findAssetCandidates, lockMachine } from '../db/asset-candidates.js';
import { closeDeploymentStep } from './close-deployment-step.js';
import { ensureSoftwareIds, normaliseSoftware, softwareHash, writeInstalledSoftware } from '../db/software-store.js';
import { assetClassOf, assetSearchText, fieldsFromReport, hardwareDocument, physicalMacs } from '../ingest/asset-fields.js';
import { imacEventsFromInventory, type ImacEvent } from '../ingest/imac-events.js';
import type { InventoryReport } from '../inventory/inventory-report.js';
import { decideMatch, matchKeys } from '../inventory/match-keys.js';

export interface IngestInput {
  tenantId: string;
  report: InventoryReport;
  storeLastUser: boolean;
}

export interface IngestResult {
  assetId: string;
  created: boolean;
  matchReason: string | null;
  softwareRewritten: boolean;
}

/**
 * Stores one agent report: recognises the machine, updates only the sections the report holds,
 * rewrites the software list only when it changed, and writes the IMAC history. Committed before
 * the caller acknowledges the agent.
 */
export async function ingestReport(ctx: Ctx, database: Database, input: IngestInput): Promise<IngestResult> {
  const { tenantId, report } = input;
  const software = report.partial && !report.sections.includes('softwares') ? null : normaliseSoftware(report.software);
  const hash = software ? softwareHash(software) : null;
  // catalogue rows are shared by every device: added outside the device's transaction
  const ids = software ? await ensureSoftwareIds(database.db, tenantId, software) : null;
  const establishmentId = await establishmentOfTag(database.db, tenantId, report.tag);
  const now = ctx.now();
  const result = await database.db.transaction(async (tx) => {
    // a network scan's deviceid is the scanning agent's, not the scanned device's: keys decide
    const keys = matchKeys(report);
    await lockMachine(tx, tenantId, [keys.deviceId, keys.serial, keys.uuid]);
    const candidates = await findAssetCandidates(tx, { tenantId, uuid: keys.uuid, serial: report.serial, macs: physicalMacs(report), deviceId: keys.deviceId });
    const match = decideMatch(report, candidates);
    const [current] = match.assetId
      ? await tx.select().from(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, match.assetId)))
      : [];
    const fields = fieldsFromReport(report, { lockedFields: current?.lockedFields ?? [], storeLastUser: input.storeLastUser });
    const hardware = hardwareDocument(report, (current?.hardware as Record<string, unknown>) ?? null);
    const rewrite = software !== null && hash !== current?.softwareHash;
    const common = {
      ...fields,
      agentDeviceId: keys.deviceId,
      hardware,
      lastInventoryAt: now,
      updatedAt: now,
      ...(rewrite ? { softwareHash: hash, softwareCount: software!.length } : {}),
    };
    let assetId: string;
    let events: ImacEvent[];
    if (!current) {
      const [created] = await tx
        .insert(assets)
        .values({
          tenantId,
          assetClass: assetClassOf(report),
          status: 'in-service',
          establishmentId,
          firstInventoryAt: now,
          searchText: assetSearchText(fields),
          ...common,
        })
        .returning({ id: assets.id });
      assetId = created.id;
      events = [{ kind: 'install', summary: 'Découvert par l’inventaire automatique', details: { source: report.source, deviceId: report.deviceId } }];
    } else {
      assetId = current.id;
      const moved = establishmentId && establishmentId !== current.establishmentId ? { establishmentId, roomId: null } : {};
      const next = { ...current, ...fields };
      await tx
        .update(assets)
        .set({ ...common, ...moved, searchText: assetSearchText(next), version: sql`${assets.version} + 1` })
        .where(and(eq(assets.tenantId, tenantId), eq(assets.id, current.id)));
      events = imacEventsFromInventory(current as never, { fields, establishmentId, hardware });
      if (keys.deviceId && current.agentDeviceId !== keys.deviceId) {
        await tx.insert(assetMatches).values({ tenantId, assetId, at: now, kind: 'link', reason: match.reason ?? '', agentDeviceId: report.deviceId });
        events.push({ kind: 'change', summary: `Rapproché d’un nouvel agent : ${match.reason}`, details: { from: current.agentDeviceId, to: report.deviceId } });
      }
    }
    if (rewrite) await writeInstalledSoftware(tx, { tenantId, assetId, list: software!, ids: ids! });
    await writeEvents(tx, tenantId, assetId, now, events);
    return { assetId, created: !current, matchReason: current ? match.reason : null, softwareRewritten: rewrite };
  });
  await closeDeploymentStep(database.db, { tenantId, assetId: result.assetId, serial: report.serial, at: now });
  return result;
}

async function writeEvents(db: Db, tenantId: string, assetId: string, at: Date, events: ImacEvent[]) {
  if (events.length === 0) return;
  await db.insert(assetEvents).values(
    events.map((e) => ({ tenantId, assetId, at, kind: e.kind, source: 'inventory', actorLabel: 'Inventaire automatique', summary: e.summary, details: e.details })),
  );
}

/** The agent's tag names the school when it is a UAI of this tenant; anything else is ignored. */
async function establishmentOfTag(db: Db, tenantId: string, tag: string | null): Promise<string | null> {
  if (!tag) return null;
  const uai = checkUai(tag);
  if (!uai.ok) return null;
  const [row] = await db
    .select({ id: establishments.id })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), eq(establishments.uai, uai.uai)));
  return row?.id ?? null;
}
