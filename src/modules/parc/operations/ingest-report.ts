import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { runRendered } from '../../../server/platform/prepared.js';
import { checkUai, directoryEntryOfUai, establishmentsView as establishments } from '../../referentiel/index.js';
import { assetEvents, assetMatches, assets } from '../db/schema.js';
import { findAssetCandidates, lockMachine } from '../db/asset-candidates.js';
import { closeDeploymentStep } from './close-deployment-step.js';
import { ensureSoftwareIds, normaliseSoftware, softwareHash, writeInstalledSoftware } from '../db/software-store.js';
import { assetClassOf, assetSearchText, fieldsFromReport, hardwareDocument, physicalMacs, placementLock } from '../ingest/asset-fields.js';
import { imacEventsFromInventory, type ImacEvent } from '../ingest/imac-events.js';
import type { InventoryReport } from '../inventory/inventory-report.js';
import { decideMatch, matchKeys, type MatchDecision } from '../inventory/match-keys.js';
import { decideUnvouched, hardwareOnly, isVouched, type AgentTrust } from '../ingest/agent-trust.js';
import { keepProposal, proposalEvent } from './asset-proposals.js';

export interface IngestInput {
  tenantId: string;
  report: InventoryReport;
  storeLastUser: boolean;
  /**
   * Runs first inside the device's transaction: the inventory inbox worker consumes its queued
   * row there, so the row goes exactly when the device is committed (jobs/inventory-inbox.ts).
   */
  withinTransaction?: (tx: Db) => Promise<void>;
  /** How the report was attached (ingest/agent-trust.ts); credentials when absent. */
  trust?: AgentTrust;
  /** The device a confirmed proposal is applied to. */
  forAssetId?: string;
  /** Where an unauthenticated report came from, kept with what it proposes. */
  remoteAddress?: string;
}

export interface IngestResult {
  assetId: string;
  created: boolean;
  matchReason: string | null;
  softwareRewritten: boolean;
  /** An unauthenticated report's change left for a technician to confirm (nothing else applied when `applied` is false). */
  proposed?: { id: string; fresh: boolean } | null;
  /** false when only a proposal was kept. */
  applied?: boolean;
}

/**
 * Stores one agent report: recognises the machine, updates only the sections the report holds,
 * rewrites the software list only when it changed, and writes the IMAC history. Committed before
 * the caller acknowledges the agent.
 */
export async function ingestReport(ctx: Ctx, input: IngestInput): Promise<IngestResult> {
  const database = bulkDatabase(ctx);
  const { tenantId, report } = input;
  const trust = input.trust ?? 'credentials';
  const software = report.partial && !report.sections.includes('softwares') ? null : normaliseSoftware(report.software);
  const hash = software ? softwareHash(software) : null;
  // catalogue rows are shared by every device: added outside the device's transaction
  const outside = { db: database.db, cache: ctx.cache };
  const ids = software ? await ensureSoftwareIds(outside, tenantId, software) : null;
  const establishmentId = await establishmentOfTag(outside, tenantId, report.tag);
  const now = ctx.now();
  const result = await database.db.transaction(async (tx) => {
    await input.withinTransaction?.(tx);
    // a network scan's deviceid is the scanning agent's, not the scanned device's: keys decide
    const keys = matchKeys(report);
    await lockMachine(tx, tenantId, [keys.deviceId, keys.serial, keys.uuid]);
    const candidates = await findAssetCandidates(tx, { tenantId, uuid: keys.uuid, serial: report.serial, macs: physicalMacs(report), deviceId: keys.deviceId });
    // a confirmed proposal is about the device it was kept on, whatever the keys say now
    const match: MatchDecision = input.forAssetId
      ? { assetId: input.forAssetId, level: null, reason: 'proposition confirmée par une personne', ambiguousWith: [] }
      : decideMatch(report, candidates);
    const [current] = match.assetId ? await readAsset(tx, tenantId, match.assetId) : [];
    // what a technician confirmed applies even to the fields a person locked
    const lockedFields = trust === 'confirmed' ? [] : (current?.lockedFields ?? []);
    const reported = fieldsFromReport(report, { lockedFields, storeLastUser: input.storeLastUser, creating: !current });
    const decision = current && !isVouched(trust) ? decideUnvouched(current, { deviceId: keys.deviceId }, reported, establishmentId) : null;
    const proposed = decision?.proposal.length
      ? await keepProposal(ctx, tx, { tenantId, assetId: current!.id, at: now, trust, remoteAddress: input.remoteAddress ?? null, report, decision })
      : null;
    if (decision?.apply === 'nothing') {
      if (proposed?.fresh) await writeEvents(tx, tenantId, current!.id, now, [proposalEvent(decision.proposal, trust)]);
      return { assetId: current!.id, created: false, matchReason: null, softwareRewritten: false, proposed, applied: false };
    }
    const fields = decision?.apply === 'hardware' ? hardwareOnly(reported) : reported;
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
    let placedIn: string | null;
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
          // an unauthenticated agent's own device, until someone else places it
          anonymousAgent: isVouched(trust) ? null : (keys.deviceId ?? report.deviceId),
          ...common,
        })
        .returning({ id: assets.id });
      assetId = created.id;
      placedIn = establishmentId;
      events = [{ kind: 'install', summary: 'Découvert par l’inventaire automatique', details: { source: report.source, deviceId: report.deviceId } }];
    } else {
      assetId = current.id;
      const place =
        decision?.apply === 'hardware' ? { moveTo: null, ignored: false, firstTime: false } : placementOf(report, establishmentId, trust === 'confirmed' ? { ...current, lockedFields: [] } : current);
      const moved = place.moveTo ? { establishmentId: place.moveTo, roomId: null } : {};
      placedIn = place.moveTo ?? current.establishmentId;
      if (place.ignored) hardware.agent = { ...(hardware.agent as object), ignoredTag: report.tag };
      const next = { ...current, ...fields };
      await updateAsset(tx, tenantId, current.id, { ...common, ...moved, ...(isVouched(trust) ? { anonymousAgent: null } : {}), searchText: assetSearchText(next) });
      events = imacEventsFromInventory(current as never, { fields, establishmentId: place.moveTo, hardware });
      if (place.ignored && place.firstTime) events.push(ignoredTagEvent(report.tag, establishmentId!, current.establishmentId));
      if (proposed?.fresh) events.push(proposalEvent(decision!.proposal, trust));
      if (keys.deviceId && current.agentDeviceId !== keys.deviceId) {
        await tx.insert(assetMatches).values({ tenantId, assetId, at: now, kind: 'link', reason: match.reason ?? '', agentDeviceId: report.deviceId });
        events.push({ kind: 'change', summary: `Rapproché d’un nouvel agent : ${match.reason}`, details: { from: current.agentDeviceId, to: report.deviceId } });
      }
    }
    if (rewrite) await writeInstalledSoftware(tx, { tenantId, assetId, establishmentId: placedIn, list: software!, ids: ids!, created: !current, cache: ctx.cache });
    await writeEvents(tx, tenantId, assetId, now, events);
    return { assetId, created: !current, matchReason: current ? match.reason : null, softwareRewritten: rewrite, proposed };
  });
  // a report that changed nothing delivers nothing
  if (result.applied !== false) await closeDeploymentStep(outside, { tenantId, assetId: result.assetId, serial: report.serial, at: now });
  return result;
}

/** The device as stored, every column: one statement rendered once, run in each report's transaction. */
function readAsset(tx: Db, tenantId: string, assetId: string) {
  const build = () => tx.select().from(assets).where(and(eq(assets.tenantId, sql.placeholder('tenantId')), eq(assets.id, sql.placeholder('assetId'))));
  return runRendered<typeof assets.$inferSelect>(tx, 'parc_ingest_asset', '', build, { tenantId, assetId }, assetColumns);
}
const assetColumns = getTableColumns(assets);

type AssetColumn = keyof typeof assets.$inferInsert;

/**
 * Writes a report's fields on the device, its version bumped. The statement is rendered once per
 * set of columns written (a partial update of the memory writes fewer than a full inventory): the
 * values are encoded here as drizzle would (a null stays SQL null).
 */
function updateAsset(tx: Db, tenantId: string, assetId: string, set: Partial<Record<AssetColumn, unknown>>) {
  const written = (Object.keys(set) as AssetColumn[]).filter((column) => set[column] !== undefined);
  const values: Record<string, unknown> = { tenantId, assetId };
  for (const column of written) values[column] = set[column] === null ? null : assets[column].mapToDriverValue(set[column]);
  const build = () =>
    tx
      .update(assets)
      .set({ ...Object.fromEntries(written.map((column) => [column, sql`${sql.placeholder(column)}`])), version: sql`${assets.version} + 1` })
      .where(and(eq(assets.tenantId, sql.placeholder('tenantId')), eq(assets.id, sql.placeholder('assetId'))));
  return runRendered(tx, 'parc_ingest_update', written.join(','), build, values);
}

interface Placement {
  /** The school the device moves to; null when it stays. */
  moveTo: string | null;
  /** The tag names another school, but a person placed the device: it stays. */
  ignored: boolean;
  /** Whether this tag was not already ignored by the previous report (one history line, not one a day). */
  firstTime: boolean;
}

/**
 * Where the report puts a known device: the school of its tag, unless a person placed it (the
 * placement lock, set by a move by hand), in which case it stays where the person put it.
 */
function placementOf(
  report: InventoryReport,
  tagged: string | null,
  current: { establishmentId: string | null; lockedFields: string[]; hardware: unknown },
): Placement {
  if (!tagged || tagged === current.establishmentId) return { moveTo: null, ignored: false, firstTime: false };
  if (!current.lockedFields.includes(placementLock)) return { moveTo: tagged, ignored: false, firstTime: false };
  const agent = (current.hardware as { agent?: { ignoredTag?: string | null } } | null)?.agent;
  return { moveTo: null, ignored: true, firstTime: agent?.ignoredTag !== report.tag };
}

function ignoredTagEvent(tag: string | null, tagged: string, kept: string | null): ImacEvent {
  return {
    kind: 'change',
    summary: `Étiquette de l’agent « ${tag} » ignorée : l’établissement a été fixé par une personne (verrou), l’équipement reste où elle l’a placé`,
    details: { tag, agentEstablishmentId: tagged, establishmentId: kept, lockedField: placementLock },
  };
}

async function writeEvents(db: Db, tenantId: string, assetId: string, at: Date, events: ImacEvent[]) {
  if (events.length === 0) return;
  await db.insert(assetEvents).values(
    events.map((e) => ({ tenantId, assetId, at, kind: e.kind, source: 'inventory', actorLabel: 'Inventaire automatique', summary: e.summary, details: e.details })),
  );
}

/** The agent's tag names the school when it is a UAI of this tenant; anything else is ignored. */
async function establishmentOfTag(ctx: { db: Db; cache: Ctx['cache'] }, tenantId: string, tag: string | null): Promise<string | null> {
  if (!tag) return null;
  const uai = checkUai(tag);
  if (!uai.ok) return null;
  const known = await directoryEntryOfUai(ctx, tenantId, uai.uai);
  if (known) return known.id;
  const [row] = await ctx.db
    .select({ id: establishments.id })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), eq(establishments.uai, uai.uai)));
  return row?.id ?? null;
}
