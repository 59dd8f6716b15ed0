import { createOrganization, type CreateOrganizationInput } from '../../modules/referentiel/operations/create-organization.js';
import type { Ctx } from '../../server/platform/context.js';

export async function createOrganizationCommand(
  ctx: Ctx,
  options: { code: string; kind: CreateOrganizationInput['kind']; name: string; academyCode?: string; partnerOf?: string[] },
) {
  const org = await createOrganization(ctx, {
    code: options.code,
    kind: options.kind,
    name: options.name,
    academyCode: options.academyCode ?? null,
    partnerOf: options.partnerOf,
  });
  console.log(`Organisation créée : ${org.name} (${org.code}, ${org.kind}).`);
}
