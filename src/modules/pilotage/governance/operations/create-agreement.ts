import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { invalid, governanceActor } from '../access.js';
import { agreements } from '../db/schema.js';
import { createAgreementInput, type CreateAgreementInput } from './agreement.input.js';

/** Which parties each kind of agreement binds: the authority itself, an académie, a school. */
const shape: Record<string, { a: 'authority' | 'academie'; b: 'authority' | 'academie' | null; school: boolean }> = {
  framework: { a: 'authority', b: 'academie', school: false },
  'authority-establishment': { a: 'authority', b: null, school: true },
  'academy-authority': { a: 'academie', b: 'authority', school: false },
  'academy-establishment': { a: 'academie', b: null, school: true },
};

/** The framework convention or a service agreement between partners, with commitments and service levels. */
export async function createAgreement(ctx: Ctx, raw: CreateAgreementInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = createAgreementInput.parse(raw);
  const tenantId = actor.tenantId;
  await checkAgreement(ctx, tenantId, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(agreements).values({ ...input, tenantId, createdAt: ctx.now() }).returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-agreement', entityId: row.id, after: input }]);
    return row;
  });
}

/** The parties each kind binds (the authority, a partner académie, one of its schools) and the dates' order. */
export async function checkAgreement(ctx: Ctx, tenantId: string, input: z.output<typeof createAgreementInput>) {
  const want = shape[input.kind];
  await checkParty(ctx, tenantId, 'partyAId', input.partyAId, want.a);
  if (want.b) {
    if (!input.partyBId) throw invalid('partyBId', 'Cette convention lie deux organisations : précisez la seconde partie.');
    await checkParty(ctx, tenantId, 'partyBId', input.partyBId, want.b);
  } else if (input.partyBId) throw invalid('partyBId', 'La seconde partie de cette convention est un établissement, pas une organisation.');
  if (want.school !== Boolean(input.establishmentId)) {
    throw invalid('establishmentId', want.school ? "Précisez l'établissement signataire." : "Cette convention ne concerne pas un seul établissement.");
  }
  if (input.establishmentId) {
    const [found] = await rows(ctx.db, sql`select 1 as one from referentiel.establishments_view where tenant_id = ${tenantId} and id = ${input.establishmentId}`);
    if (!found) throw invalid('establishmentId', "Cet établissement n'appartient pas à la collectivité.");
  }
  if (input.validTo && input.validTo < input.validFrom) throw invalid('validTo', 'La fin de validité précède son début.');
}

async function checkParty(ctx: Ctx, tenantId: string, path: string, id: string, kind: 'authority' | 'academie') {
  if (kind === 'authority') {
    if (id !== tenantId) throw invalid(path, 'Cette partie doit être la collectivité elle-même.');
    return;
  }
  const [found] = await rows(
    ctx.db,
    sql`select 1 as one from referentiel.partnerships_view p join referentiel.organizations_view o on o.tenant_id = p.partner_id
         where p.tenant_id = ${tenantId} and p.partner_id = ${id} and o.kind = 'academie'`,
  );
  if (!found) throw invalid(path, "Cette partie doit être une académie partenaire de la collectivité.");
}
