import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { assets } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import { assetFieldsShape, columnChanges, lockedFieldsInput, noteInput, warrantyIssue } from './asset-input.js';
import { assertUniqueIdentifiers } from './asset-identity.js';
import { placeLabel, statusLabel, writePersonEvents } from './asset-history.js';
import { resolvePlacement } from './asset-scope.js';

export const createAssetInput = z.object(assetFieldsShape).partial().extend({
  class: assetFieldsShape.class,
  status: assetFieldsShape.status.default('in-stock'),
  ownerKind: assetFieldsShape.ownerKind.default('authority'),
  /** Fields the agent must not overwrite; none by default (the agent's values are welcome until a person edits them). */
  lockedFields: lockedFieldsInput.optional(),
  note: noteInput.optional(),
});
export type CreateAssetInput = z.infer<typeof createAssetInput>;

/** Records a device by hand (a delivery, a projector no agent reports): in the actor's scope, audited, with its first history line. */
export async function createAsset(ctx: Ctx, input: CreateAssetInput): Promise<{ id: string }> {
  authorize(ctx.actor, 'asset.update');
  const actx = { ...ctx, actor: ctx.actor };
  const tenantId = ctx.actor.tenantId;
  const { uai = null, roomId = null, lockedFields = [], note, ...fields } = input;
  const columns = columnChanges(fields);
  const warranty = warrantyIssue({ purchaseDate: columns.purchaseDate ?? null, warrantyEnd: columns.warrantyEnd ?? null });
  if (warranty) throw new AppError('VALIDATION', warranty, { issues: [{ path: 'warrantyEnd', message: warranty }] });
  return ctx.db.transaction(async (tx) => {
    const place = await resolvePlacement(actx, tx, { uai, roomId });
    await assertUniqueIdentifiers(tx, { tenantId, serial: columns.serial, inventoryNumber: columns.inventoryNumber });
    const now = ctx.now();
    const values = {
      ...columns,
      assetClass: input.class,
      status: input.status,
      establishmentId: place.establishmentId,
      roomId: place.roomId,
      lockedFields: [...new Set(lockedFields)].sort(),
    };
    const [created] = await tx
      .insert(assets)
      .values({ tenantId, ...values, searchText: assetSearchText(values), createdAt: now, updatedAt: now })
      .returning({ id: assets.id });
    const summary = `Enregistré à la main (${statusLabel(input.status)}, ${placeLabel({ ...place })})`;
    await writePersonEvents(actx, tx, [{ assetId: created.id, kind: 'install', summary: note ? `${summary} — ${note}` : summary }]);
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'asset', entityId: created.id, after: { ...values, uai: place.uai } }]);
    return created;
  });
}
