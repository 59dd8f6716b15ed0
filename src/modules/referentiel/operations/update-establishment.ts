import { and, eq, sql } from 'drizzle-orm';
import { recordAudit, diff } from '../../../server/platform/audit.js';
import { canOnEstablishment, authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { establishmentDirectoryCache } from '../db/establishment-directory.js';
import { searchKey } from '../establishment-record.js';
import { establishments, territorialUnits } from '../db/schema.js';
import { establishmentsChanged } from './find-establishments-cached.js';
import { getEstablishment } from './get-establishment.js';
import type { UpdateEstablishmentInput } from './update-establishment.input.js';

export { updateEstablishmentInput, type UpdateEstablishmentInput } from './update-establishment.input.js';

/** Optimistic concurrency: the caller sends the version it read; a stale one gets a 409. */
export async function updateEstablishment(ctx: Ctx, input: { uai: string; changes: UpdateEstablishmentInput }) {
  authorize(ctx.actor, 'establishment.update');
  const actor = ctx.actor;
  const current = await getEstablishment(ctx, { uai: input.uai });
  if (!canOnEstablishment(actor, 'establishment.update', current)) throw forbidden();
  const { version, ...changes } = input.changes;
  if (changes.unitId) await assertUnitExists(ctx, actor.tenantId, changes.unitId);
  const { before, after, changed } = diff(current as Record<string, unknown>, changes);
  if (!changed) {
    assertVersion(current, version);
    return current;
  }
  return ctx.db.transaction(async (tx) => {
    const next = { ...current, ...changes };
    const [updated] = await tx
      .update(establishments)
      .set({
        ...changes,
        searchText: searchKey(next.name, next.uai, next.communeName, next.postalCode),
        version: sql`${establishments.version} + 1`,
        updatedAt: ctx.now(),
      })
      .where(and(eq(establishments.tenantId, actor.tenantId), eq(establishments.id, current.id), eq(establishments.version, version)))
      .returning();
    assertUpdated(updated);
    await recordAudit(ctx, tx, [{ tenantId: actor.tenantId, action: 'update', entityType: 'establishment', entityId: current.id, before, after }]);
    return updated;
  }).finally(() => {
    establishmentsChanged(ctx);
    ctx.cache.invalidate(establishmentDirectoryCache, actor.tenantId);
  });
}

async function assertUnitExists(ctx: Ctx, tenantId: string, unitId: string) {
  const [unit] = await ctx.db
    .select({ id: territorialUnits.id })
    .from(territorialUnits)
    .where(and(eq(territorialUnits.tenantId, tenantId), eq(territorialUnits.id, unitId)));
  if (!unit) throw new AppError('VALIDATION', 'Unité territoriale inconnue.', { issues: [{ path: 'unitId', message: 'Unité inconnue.' }] });
}
