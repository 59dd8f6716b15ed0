import { and, desc, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { assetEvents, assetProposals } from '../db/schema.js';
import { proposalHash, type AgentTrust, type ProposedChange, type UnvouchedDecision } from '../ingest/agent-trust.js';
import type { ImacEvent } from '../ingest/imac-events.js';
import { inventoryReportSchema, type InventoryReport } from '../inventory/index.js';
import { assetForUpdate, selectScopedAssets } from './asset-scope.js';
import { readInventorySettings } from './get-inventory-settings.js';
import { ingestReport } from './ingest-report.js';

const fieldLabels: Record<string, string> = {
  name: 'nom',
  serial: 'numéro de série',
  hardwareUuid: 'UUID matériel',
  manufacturer: 'fabricant',
  model: 'modèle',
  macAddresses: 'adresses MAC',
  establishmentId: 'établissement',
  agentDeviceId: 'agent d’inventaire',
};

export const proposalFieldLabel = (field: string) => fieldLabels[field] ?? field;

/**
 * Keeps what an unauthenticated report asked for, in the device's transaction. The same change
 * from the same agent is one proposal (its report refreshed while pending; a refused one stays
 * refused); a new change replaces that agent's pending one. Audited when new.
 */
export async function keepProposal(
  ctx: Ctx,
  tx: Db,
  input: { tenantId: string; assetId: string; at: Date; trust: AgentTrust; remoteAddress: string | null; report: InventoryReport; decision: UnvouchedDecision },
): Promise<{ id: string; fresh: boolean }> {
  const deviceId = input.report.deviceId;
  const hash = proposalHash(deviceId, input.decision.proposal);
  const same = and(eq(assetProposals.tenantId, input.tenantId), eq(assetProposals.assetId, input.assetId), eq(assetProposals.changesHash, hash));
  const [known] = await tx.select({ id: assetProposals.id, status: assetProposals.status }).from(assetProposals).where(and(same, ne(assetProposals.status, 'confirmed')));
  if (known) {
    if (known.status === 'pending') {
      await tx.update(assetProposals).set({ at: input.at, report: input.report, remoteAddress: input.remoteAddress }).where(and(eq(assetProposals.tenantId, input.tenantId), eq(assetProposals.id, known.id)));
    }
    return { id: known.id, fresh: false };
  }
  if (deviceId) {
    await tx
      .delete(assetProposals)
      .where(and(eq(assetProposals.tenantId, input.tenantId), eq(assetProposals.assetId, input.assetId), eq(assetProposals.agentDeviceId, deviceId), eq(assetProposals.status, 'pending')));
  }
  const [row] = await tx
    .insert(assetProposals)
    .values({
      tenantId: input.tenantId,
      assetId: input.assetId,
      at: input.at,
      agentDeviceId: deviceId,
      trust: input.trust,
      remoteAddress: input.remoteAddress,
      reason: input.decision.reason ?? '',
      changes: input.decision.proposal,
      changesHash: hash,
      report: input.report,
    })
    .returning({ id: assetProposals.id });
  await recordAudit(ctx, tx, [
    { tenantId: input.tenantId, action: 'propose', entityType: 'asset-proposal', entityId: row.id, after: { assetId: input.assetId, trust: input.trust, remoteAddress: input.remoteAddress, changes: input.decision.proposal } },
  ]);
  return { id: row.id, fresh: true };
}

export function proposalEvent(changes: ProposedChange[], trust: AgentTrust): ImacEvent {
  const how = trust === 'network' ? 'par le réseau de l’établissement' : 'par son étiquette';
  return {
    kind: 'change',
    summary: `Modification proposée par un rapport sans identifiants (rattaché ${how}) : ${changes.map((c) => proposalFieldLabel(c.field)).join(', ')} — en attente de confirmation`,
    details: { changes },
  };
}

export interface AssetProposal {
  id: string;
  at: Date;
  agentDeviceId: string | null;
  trust: string;
  remoteAddress: string | null;
  reason: string;
  changes: ProposedChange[];
  status: string;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** The proposals of one device the actor can see, newest first (the 50 last). */
export async function findAssetProposals(ctx: Ctx, input: { id: string }): Promise<AssetProposal[]> {
  authorize(ctx.actor, 'asset.read');
  const [visible] = await selectScopedAssets({ ...ctx, actor: ctx.actor }, ctx.db, [input.id], { action: 'asset.read' });
  if (!visible) throw notFound('Équipement');
  const found = await ctx.db
    .select()
    .from(assetProposals)
    .where(and(eq(assetProposals.tenantId, ctx.actor.tenantId), eq(assetProposals.assetId, input.id)))
    .orderBy(desc(assetProposals.at))
    .limit(50);
  return found.map((p) => ({ ...p, changes: p.changes as ProposedChange[] }));
}

/**
 * A technician decides: confirmed, the report is applied as if its agent had credentials (moved,
 * renamed, linked to that agent, in the same transaction as the decision); refused, nothing
 * changes and the same change from that agent is not proposed again. Both audited and written
 * in the device's history.
 */
export async function decideAssetProposal(ctx: Ctx, input: { id: string; proposalId: string; decision: 'confirm' | 'refuse' }): Promise<{ status: string }> {
  const database = bulkDatabase(ctx);
  authorize(ctx.actor, 'asset.update');
  const actx = { ...ctx, actor: ctx.actor };
  const tenantId = ctx.actor.tenantId;
  const where = and(eq(assetProposals.tenantId, tenantId), eq(assetProposals.assetId, input.id), eq(assetProposals.id, input.proposalId));
  // 404 when out of reach, 403 when visible but not changeable
  await ctx.db.transaction((tx) => assetForUpdate(actx, tx, input.id));
  const [proposal] = await ctx.db.select().from(assetProposals).where(where);
  if (!proposal) throw notFound('Proposition');
  if (proposal.status !== 'pending') throw new AppError('CONFLICT', 'Cette proposition a déjà été traitée.');
  const status = input.decision === 'confirm' ? 'confirmed' : 'refused';
  const decide = async (tx: Db) => {
    const done = await tx
      .update(assetProposals)
      .set({ status, decidedAt: ctx.now(), decidedBy: ctx.actor!.label })
      .where(and(where, eq(assetProposals.status, 'pending')))
      .returning({ id: assetProposals.id });
    if (done.length === 0) throw new AppError('CONFLICT', 'Cette proposition a déjà été traitée.');
    await recordAudit(ctx, tx, [{ tenantId, action: status === 'confirmed' ? 'confirm' : 'refuse', entityType: 'asset-proposal', entityId: proposal.id, after: { assetId: input.id, changes: proposal.changes } }]);
    await tx.insert(assetEvents).values({
      tenantId,
      assetId: input.id,
      at: ctx.now(),
      kind: 'change',
      source: 'person',
      actorLabel: ctx.actor!.label,
      summary: status === 'confirmed' ? 'Proposition de l’agent confirmée et appliquée' : 'Proposition de l’agent refusée : rien n’a changé',
      details: { proposalId: proposal.id, changes: proposal.changes },
    });
  };
  if (status === 'refused') {
    await ctx.db.transaction(decide);
    return { status };
  }
  const report = inventoryReportSchema.parse(proposal.report);
  const settings = await readInventorySettings(ctx.db, tenantId);
  await ingestReport(ctx, { tenantId, report, storeLastUser: settings.storeLastUser, trust: 'confirmed', forAssetId: input.id, withinTransaction: decide });
  return { status };
}
