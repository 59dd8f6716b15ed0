import { and, eq } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { recordAudit } from '../../../../server/platform/audit.js';
import { AppError } from '../../../../server/platform/errors.js';
import { supportTeams, type SupportTeamRow } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig, type DeskConfig } from '../../desk-config.js';
import { assertCategories, assertOrganization, assertUnits, isUniqueViolation } from './shared.js';
import type { SupportTeamFields } from './support-team.input.js';

export { createSupportTeamInput } from './support-team.input.js';

export async function createSupportTeam(ctx: Ctx, input: SupportTeamFields): Promise<SupportTeamRow> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  checkTeamReferences(config, input);
  await assertFreeTeamName(ctx, tenantId, input.name, null);
  try {
    const team = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(supportTeams).values({ tenantId, ...input, createdAt: ctx.now() }).returning();
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'support-team', entityId: row.id, after: input }]);
      return row;
    });
    return team;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateTeamName(input.name);
    throw error;
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}

export function checkTeamReferences(config: DeskConfig, team: Partial<SupportTeamFields>): void {
  if (team.organizationId !== undefined) assertOrganization(config, team.organizationId, 'organizationId');
  if (team.unitIds) assertUnits(config, team.unitIds);
  if (team.categories) assertCategories(config, team.categories, 'categories');
}

export async function assertFreeTeamName(ctx: Ctx, tenantId: string, name: string, exceptId: string | null): Promise<void> {
  const [same] = await ctx.db
    .select({ id: supportTeams.id })
    .from(supportTeams)
    .where(and(eq(supportTeams.tenantId, tenantId), eq(supportTeams.name, name)));
  if (same && same.id !== exceptId) throw duplicateTeamName(name);
}

const duplicateTeamName = (name: string) => new AppError('CONFLICT', `Une équipe s'appelle déjà « ${name} ».`);
