import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { recordAudit } from '../../../../server/platform/audit.js';
import { AppError } from '../../../../server/platform/errors.js';
import { categories, type CategoryRow } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig, type DeskConfig } from '../../desk-config.js';
import type { CreateCategoryInput, UpdateCategoryInput } from './category.input.js';
import { assertAgreement, assertOrganization, invalid, isUniqueViolation } from './shared.js';

export { createCategoryInput } from './category.input.js';

export async function createTicketCategory(ctx: Ctx, input: CreateCategoryInput): Promise<CategoryRow> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  if (config.categories.has(input.key)) throw duplicateCategory(input.key);
  checkCategoryReferences(config, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(categories).values({ tenantId, ...input }).returning();
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'ticket-category', entityId: row.key, after: input }]);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCategory(input.key);
    throw error;
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}

export function checkCategoryReferences(config: DeskConfig, category: Partial<Omit<UpdateCategoryInput, 'version'>>): void {
  if (category.responsibleOrganizationId !== undefined) assertOrganization(config, category.responsibleOrganizationId, 'responsibleOrganizationId');
  if (category.agreementId) assertAgreement(config, category.agreementId, 'agreementId');
  for (const [level, teamId] of Object.entries(category.defaultTeams ?? {})) {
    const team = teamId ? config.teamsById.get(teamId) : undefined;
    if (!team) throw invalid(`defaultTeams.${level}`, 'Équipe inconnue.');
    if (String(team.level) !== level) throw invalid(`defaultTeams.${level}`, `L'équipe « ${team.name} » est de niveau ${team.level}, pas ${level}.`);
  }
}

const duplicateCategory = (key: string) => new AppError('CONFLICT', `La catégorie « ${key} » existe déjà.`);
