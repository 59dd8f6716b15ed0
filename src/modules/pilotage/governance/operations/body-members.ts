import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { uuidArray } from '../../../../server/platform/prepared.js';
import { invalid } from '../access.js';
import type { MemberInput } from './body.input.js';

/** A member sits for the authority or for one of its partners (académie, commune, contractor…). */
export async function checkMemberOrganizations(ctx: Ctx, tenantId: string, members: Pick<MemberInput, 'organizationId'>[]) {
  const ids = [...new Set(members.map((m) => m.organizationId).filter((id) => id !== tenantId))];
  if (ids.length === 0) return;
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`select partner_id::text as id from referentiel.partnerships_view where tenant_id = ${tenantId} and partner_id = any(${uuidArray(ids)})`,
  );
  if (found.length !== ids.length) throw invalid('members', "Un membre doit représenter la collectivité ou l'un de ses partenaires.");
}
