import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { updateVersioned, type VersionedUpdateInput } from '../../../../server/platform/versioned-update.js';
import { supportTeams, type SupportTeamRow } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import { assertFreeTeamName, checkTeamReferences } from './create-support-team.js';
import type { UpdateSupportTeamInput } from './support-team.input.js';

export { updateSupportTeamInput } from './support-team.input.js';

/** Changes a team, or deactivates it (`active: false`): 409 if someone changed it since `version`. */
export async function updateSupportTeam(ctx: Ctx, input: VersionedUpdateInput<UpdateSupportTeamInput>): Promise<SupportTeamRow> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  const { version, ...changes } = input.changes;
  checkTeamReferences(config, changes);
  if (changes.name !== undefined) await assertFreeTeamName(ctx, tenantId, changes.name, input.id);
  try {
    return await updateVersioned(ctx, { table: supportTeams, tenantId, id: input.id, version, changes, entityType: 'support-team', label: 'Équipe de support' });
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
