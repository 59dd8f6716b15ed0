import { and, eq, inArray } from 'drizzle-orm';
import { assignRole, createUser, findUserByEmail } from '../../modules/access/index.js';
import { findEstablishmentByUai, findOrganizationByCode } from '../../modules/referentiel/db/queries.js';
import { organizations, partnerships, territorialUnits } from '../../modules/referentiel/db/schema.js';
import { authorityKinds, type OrganizationKind } from '../../modules/referentiel/organization-kinds.js';
import type { Role } from '../../server/platform/authz.js';
import type { Ctx } from '../../server/platform/context.js';
import { AppError } from '../../server/platform/errors.js';

interface Options {
  email: string;
  password?: string;
  name?: string;
  role: Role;
  organization: string;
  tenant?: string[];
  establishment?: string;
  unit?: string[];
  level?: string;
}

export async function createUserCommand(ctx: Ctx, options: Options) {
  const org = await findOrganizationByCode(ctx.db, options.organization);
  if (!org) throw new AppError('NOT_FOUND', `Organisation « ${options.organization} » introuvable.`);
  const tenants = await tenantsFor(ctx, org, options.tenant);
  const level = options.level === undefined ? null : Number(options.level);
  if (level !== null && !(Number.isInteger(level) && level >= 0 && level <= 3)) throw new AppError('VALIDATION', 'Le niveau va de 0 à 3.');
  const existing = await findUserByEmail(ctx, options.email);
  const user = existing ?? (await createUser(ctx, { tenantId: org.tenantId, email: options.email, displayName: options.name ?? options.email, password: options.password }));
  for (const tenant of tenants) {
    await assignRole(ctx, {
      tenantId: tenant.tenantId,
      userId: user.id,
      organizationId: org.tenantId,
      role: options.role,
      establishmentId: options.establishment ? await establishmentId(ctx, tenant, options.establishment) : null,
      unitIds: await unitIds(ctx, tenant, options.unit ?? []),
      level,
    });
  }
  console.log(`${existing ? 'Compte existant complété' : 'Compte créé'} : ${user.email}, rôle ${options.role} dans ${tenants.map((t) => t.code).join(', ')}.`);
}

type Org = NonNullable<Awaited<ReturnType<typeof findOrganizationByCode>>>;

/** An authority's people work in its own tenant; a partner's in the authorities it works with. */
async function tenantsFor(ctx: Ctx, org: Org, codes: string[] | undefined): Promise<Org[]> {
  if (codes?.length) {
    const found = await Promise.all(codes.map((c) => findOrganizationByCode(ctx.db, c)));
    const missing = codes.filter((_, i) => !found[i]);
    if (missing.length) throw new AppError('NOT_FOUND', `Organisation(s) introuvable(s) : ${missing.join(', ')}.`);
    return found as Org[];
  }
  if (authorityKinds.includes(org.kind as OrganizationKind)) return [org];
  const links = await ctx.db.select().from(partnerships).where(eq(partnerships.partnerId, org.tenantId));
  if (links.length === 0) throw new AppError('VALIDATION', `« ${org.code} » ne travaille avec aucune collectivité : précisez --tenant.`);
  return ctx.db.select().from(organizations).where(inArray(organizations.tenantId, links.map((l) => l.tenantId)));
}

async function establishmentId(ctx: Ctx, tenant: Org, uai: string) {
  const e = await findEstablishmentByUai(ctx.db, { tenantId: tenant.tenantId, uai: uai.toUpperCase() });
  if (!e) throw new AppError('NOT_FOUND', `Établissement ${uai} introuvable chez ${tenant.code}.`);
  return e.id;
}

async function unitIds(ctx: Ctx, tenant: Org, codes: string[]) {
  if (codes.length === 0) return [];
  const units = await ctx.db
    .select({ id: territorialUnits.id, code: territorialUnits.code })
    .from(territorialUnits)
    .where(and(eq(territorialUnits.tenantId, tenant.tenantId), inArray(territorialUnits.code, codes)));
  const missing = codes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length) throw new AppError('NOT_FOUND', `Unité(s) introuvable(s) chez ${tenant.code} : ${missing.join(', ')}.`);
  return units.map((u) => u.id);
}
