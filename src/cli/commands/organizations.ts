import { createOrganization, type CreateOrganizationInput } from '../../modules/referentiel/operations/create-organization.js';
import { systemCtx } from '../../server/platform/context.js';
import type { Database } from '../../server/platform/db.js';

export async function createOrganizationCommand(
  database: Database,
  options: { code: string; kind: CreateOrganizationInput['kind']; name: string; academyCode?: string; partnerOf?: string[] },
) {
  const org = await createOrganization(systemCtx(database.db), {
    code: options.code,
    kind: options.kind,
    name: options.name,
    academyCode: options.academyCode ?? null,
    partnerOf: options.partnerOf,
  });
  console.log(`Organisation créée : ${org.name} (${org.code}, ${org.kind}).`);
}
