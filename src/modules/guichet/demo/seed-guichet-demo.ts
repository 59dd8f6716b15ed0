import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { categories, deskSettings, serviceTerms, supportTeams } from '../db/schema.js';
import { deskConfigCache } from '../desk-config.js';
import { DEMO_CALENDAR_ID, defaultPriorityMatrix, demoAgreement, demoCalendar } from '../sla/index.js';

/**
 * The demo desk of a tenant, following the maintenance circuit of the seeds: on-site level 0 and
 * sector technicians (UTIL) for each sector, the hotline that triages, regional experts, the
 * Académie's desk for what it owns, the contractors at level 3 (holders of the devices'
 * warranties); six categories by scope; the demo agreement (medium priority: own in 4 business
 * hours, resolve in 16), calendar and priority matrix. Does nothing if the desk is configured.
 *
 * Sectors are the tenant's units of kind "sector"; a tenant without sectors gets teams per
 * top-level unit (agency) instead.
 */

/** Far enough back for calls logged late and tickets imported from an older tool. */
const termsSince = new Date('2020-01-01T00:00:00Z');

interface Org {
  id: string;
  kind: string;
  name: string;
}

export interface SeededDesk {
  teams: number;
  categories: number;
}

export async function seedGuichetDemo(ctx: Ctx, tenantId: string): Promise<SeededDesk> {
  const [configured] = await rows<{ n: number }>(ctx.db, sql`select 1 as n from guichet.desk_settings where tenant_id = ${tenantId}`);
  if (configured) return { teams: 0, categories: 0 };
  const partners = await rows<Org>(
    ctx.db,
    sql`select o.tenant_id as id, o.kind, o.name from referentiel.partnerships_view p
          join referentiel.organizations_view o on o.tenant_id = p.partner_id
         where p.tenant_id = ${tenantId} order by o.name`,
  );
  let sectors = await rows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from referentiel.territorial_units_view where tenant_id = ${tenantId} and kind = 'sector' order by code`,
  );
  if (sectors.length === 0) {
    sectors = await rows(ctx.db, sql`select id, name from referentiel.territorial_units_view where tenant_id = ${tenantId} and parent_id is null order by code`);
  }
  const academies = partners.filter((p) => p.kind === 'academie');
  const contractors = partners.filter((p) => p.kind === 'contractor');
  const academy = academies[0];

  const team = (name: string, level: number, extra: Partial<typeof supportTeams.$inferInsert> = {}) => ({
    tenantId,
    name,
    level,
    organizationId: tenantId,
    ...extra,
  });
  const teams = [
    team('Guichet unique (hotline)', 1, { triage: true }),
    ...sectors.flatMap((s) => [team(`Animateurs numériques — ${s.name}`, 0, { unitIds: [s.id] }), team(`UTIL — ${s.name}`, 1, { unitIds: [s.id] })]),
    team('Experts régionaux (réseau, serveurs, sécurité)', 2),
    ...academies.flatMap((a) => [team(`Assistance académique — ${a.name}`, 1, { organizationId: a.id }), team(`DSI académique — ${a.name}`, 2, { organizationId: a.id })]),
    ...contractors.map((c) =>
      team(`${c.name} (niveau 3)`, 3, { organizationId: c.id, categories: ['devices', 'infrastructure'], warrantyHolders: [c.name] }),
    ),
  ];

  const category = (key: string, label: string, sortOrder: number, extra: Partial<typeof categories.$inferInsert> = {}) => ({
    tenantId,
    key,
    label,
    sortOrder,
    responsibleOrganizationId: tenantId,
    ...extra,
  });
  const categoryRows = [
    category('devices', 'Parc informatique : PC, tablettes, imprimantes, vidéoprojecteurs', 10, { hardware: true }),
    category('infrastructure', 'Serveurs, réseau, câblage, téléphonie, PPMS', 20, { hardware: true }),
    category('security', 'Sécurité : pare-feu, proxy, accès internet', 30),
    category('ent', 'ENT (espace numérique de travail)', 40),
    category('digital-resources', 'Ressources numériques (manuels, GAR)', 50),
    category('pedagogical-software', "Logiciels pédagogiques (périmètre de l'Académie)", 60, academy ? { responsibleOrganizationId: academy.id } : {}),
  ];

  await ctx.db.transaction(async (tx) => {
    await tx.insert(supportTeams).values(teams);
    await tx.insert(categories).values(categoryRows);
    await tx.insert(serviceTerms).values([
      { tenantId, kind: 'agreement', key: demoAgreement.id, version: demoAgreement.version, validFrom: termsSince, body: demoAgreement },
      { tenantId, kind: 'calendar', key: DEMO_CALENDAR_ID, version: 1, validFrom: termsSince, body: demoCalendar },
      { tenantId, kind: 'priority-matrix', key: 'default', version: 1, validFrom: termsSince, body: defaultPriorityMatrix },
    ]);
    await tx.insert(deskSettings).values({ tenantId, defaultAgreementId: demoAgreement.id });
  });
  ctx.cache.invalidate(deskConfigCache, tenantId);
  return { teams: teams.length, categories: categoryRows.length };
}
