import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { rows } from '../../../../server/platform/db.js';
import { uuidArray } from '../../../../server/platform/prepared.js';
import { serviceLevelsBySchool, withinAgreement } from '../../../guichet/index.js';
import { governanceActor } from '../access.js';
import { organizationNames } from '../names.js';
import { agreements } from '../db/schema.js';

const yearMs = 365 * 24 * 3600 * 1000;

/**
 * The agreements with the service levels the desk measured over the last twelve months: for an
 * establishment's agreement its tickets, for the others every school of the authority.
 */
export async function findAgreements(ctx: Ctx) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  const list = await ctx.db.select().from(agreements).where(eq(agreements.tenantId, tenantId)).orderBy(asc(agreements.validFrom), asc(agreements.title));
  const names = await organizationNames(ctx, tenantId);
  const schools = new Map(
    (await rows<{ id: string; name: string; uai: string }>(ctx.db, sql`select id::text, name, uai from referentiel.establishments_view where tenant_id = ${tenantId} and id = any(${uuidArray(list.flatMap((a) => (a.establishmentId ? [a.establishmentId] : [])))})`)).map((e) => [e.id, e]),
  );
  const to = ctx.now();
  const from = new Date(to.getTime() - yearMs);
  const everySchool = withinAgreement(await serviceLevelsBySchool(ctx.db, { tenantId, establishmentIds: null, from, to }));
  return Promise.all(
    list.map(async (a) => {
      const measured = a.establishmentId ? withinAgreement(await serviceLevelsBySchool(ctx.db, { tenantId, establishmentIds: [a.establishmentId], from, to })) : everySchool;
      return {
        id: a.id,
        kind: a.kind,
        title: a.title,
        partyA: { id: a.partyAId, name: names.get(a.partyAId) ?? '—' },
        partyB: a.partyBId ? { id: a.partyBId, name: names.get(a.partyBId) ?? '—' } : null,
        establishment: a.establishmentId ? (schools.get(a.establishmentId) ?? null) : null,
        validFrom: a.validFrom,
        validTo: a.validTo,
        version: a.version,
        commitments: a.commitments,
        serviceLevels: a.serviceLevels.map((l) => ({
          indicator: l.indicator,
          target: l.target,
          measured: measured.withinRate,
          tickets: measured.measured,
          met: measured.withinRate === null ? null : measured.withinRate >= l.target,
        })),
      };
    }),
  );
}
