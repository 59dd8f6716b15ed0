import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentContext } from '../db/schema.js';
import { steeringTargetsChanged } from '../indicators/steering-caches.js';
import { steeringSchools } from '../indicators/schools.js';
import { readShippedLycees, type LyceeFacts } from './lycee-open-data.js';

export const refreshContextInput = z.object({
  /** The communes the authority counts as rural (INSEE density grid), by name; absent: rurality left as it is. */
  ruralCommunes: z.array(z.string().trim().min(1).max(120)).max(5000).optional(),
});

export interface RefreshSummary {
  schools: number;
  withGeneralIps: number;
  vocationalOnly: number;
  withoutIps: number;
  pupilsEstimated: number;
  rural: number | null;
}

/** Names compared without accents, case, hyphens or apostrophes (the open data writes « Avesnes Sur Helpe »). */
export const communeKey = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Fills the steering's context of the tenant's schools from the lycées open data: each track's IPS
 * (a vocational-only lycée keeps a null general IPS: unknown, never 0), a pupil estimate where the
 * référentiel has no count, and rurality when a list of rural communes is given. The ENT and
 * licences already recorded are kept.
 */
export async function refreshEstablishmentContext(ctx: Ctx, input: z.infer<typeof refreshContextInput>, facts: Map<string, LyceeFacts> = readShippedLycees()): Promise<RefreshSummary> {
  authorize(ctx.actor, 'target.manage');
  const tenantId = ctx.actor.tenantId;
  const schools = await steeringSchools(ctx.db, tenantId, sql`true`);
  const rural = input.ruralCommunes ? new Set(input.ruralCommunes.map(communeKey)) : null;
  const values = schools.map((s) => {
    const f = facts.get(s.uai);
    return {
      tenantId,
      establishmentId: s.id,
      ipsGeneral: f?.ipsGeneral ?? null,
      ipsVocational: f?.ipsVocational ?? null,
      // an estimate only where the référentiel counts no pupils (its own count always wins)
      pupilsEstimate: s.pupils !== null && !s.pupilsEstimated ? null : (f?.pupilsEstimate ?? null),
      rural: rural ? rural.has(communeKey(s.communeName ?? '')) : null,
    };
  });
  await ctx.db.transaction(async (tx) => {
    const c = establishmentContext;
    for (let i = 0; i < values.length; i += 1000) {
      await tx
        .insert(c)
        .values(values.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [c.tenantId, c.establishmentId],
          set: {
            ipsGeneral: sql`excluded.ips_general`,
            ipsVocational: sql`excluded.ips_vocational`,
            pupilsEstimate: sql`coalesce(excluded.pupils_estimate, ${c.pupilsEstimate})`,
            rural: rural ? sql`excluded.rural` : sql`${c.rural}`,
            version: sql`${c.version} + 1`,
            updatedAt: ctx.now(),
          },
        });
    }
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'establishment-context', entityId: tenantId, after: { schools: values.length, ruralCommunes: input.ruralCommunes?.length ?? null } }]);
  });
  steeringTargetsChanged(ctx, tenantId);
  return {
    schools: values.length,
    withGeneralIps: values.filter((v) => v.ipsGeneral !== null).length,
    vocationalOnly: values.filter((v) => v.ipsGeneral === null && v.ipsVocational !== null).length,
    withoutIps: values.filter((v) => v.ipsGeneral === null && v.ipsVocational === null).length,
    pupilsEstimated: values.filter((v) => v.pupilsEstimate !== null).length,
    rural: rural ? values.filter((v) => v.rural).length : null,
  };
}
