import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { unitKinds } from '../../../shared/establishments.js';
import { territorialUnits } from '../db/schema.js';
import { createTerritorialUnitInput, type CreateTerritorialUnitInput } from './create-territorial-unit.input.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export { createTerritorialUnitInput, unitKinds, type CreateTerritorialUnitInput };

/** The tree is agency → sector → zone: a child sits exactly one level under its parent. */
/** `tenantId`: the authority the unit belongs to (the actor's, or the one a seed or the CLI names). */
export async function createTerritorialUnit(ctx: Ctx, input: CreateTerritorialUnitInput & { tenantId: string }) {
  const { tenantId } = input;
  if (input.parentId) {
    const [parent] = await ctx.db
      .select()
      .from(territorialUnits)
      .where(and(eq(territorialUnits.tenantId, tenantId), eq(territorialUnits.id, input.parentId)));
    if (!parent) throw new AppError('VALIDATION', 'Unité parente inconnue.', { issues: [{ path: 'parentId', message: 'Inconnue.' }] });
    if (unitKinds.indexOf(parent.kind as (typeof unitKinds)[number]) + 1 !== unitKinds.indexOf(input.kind)) {
      throw new AppError('VALIDATION', 'Une agence contient des secteurs, un secteur des zones locales.');
    }
  } else if (input.kind !== 'agency') {
    throw new AppError('VALIDATION', 'Un secteur ou une zone doit avoir une unité parente.');
  }
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      const [unit] = await tx
        .insert(territorialUnits)
        .values({ tenantId, code: input.code, name: input.name, kind: input.kind, parentId: input.parentId ?? null })
        .onConflictDoNothing()
        .returning();
      if (!unit) throw new AppError('CONFLICT', `Une unité porte déjà le code « ${input.code} ».`);
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'territorial-unit', entityId: unit.id, after: input }]);
      return unit;
    }),
  );
}
