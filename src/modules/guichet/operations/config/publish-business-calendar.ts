import { authorize } from '../../../../server/platform/authz.js';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { deskConfigCache } from '../../desk-config.js';
import { businessCalendarSchema, schoolHolidayZone } from '../../sla/index.js';
import type { PublishedTerms } from './publish-priority-matrix.js';
import type { PublishBusinessCalendarInput } from './business-calendar.input.js';
import { effectiveFrom, insertTermsVersion, termsVersions, validated } from './shared.js';

export { calendarSchoolZones, publishBusinessCalendarInput } from './business-calendar.input.js';

/**
 * Creates a business calendar (version 0 → 1) or publishes a new version. The stored body is the
 * calendar the clock reads (closures = the extra ones plus the zone's school holidays) and keeps
 * what the authority typed (`extraClosures`, `schoolHolidays`) so the editor shows it back.
 */
export async function publishBusinessCalendar(ctx: Ctx, input: { id: string; terms: PublishBusinessCalendarInput }): Promise<PublishedTerms> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const { version: expected, validFrom: requested, schoolHolidays, closures, ...calendar } = input.terms;
  const schoolClosures = schoolHolidays.zone ? schoolHolidayZone(schoolHolidays.zone, schoolHolidays.periods) : [];
  const parsed = validated(businessCalendarSchema, { ...calendar, closures: [...closures, ...schoolClosures] });
  const body = { ...parsed, extraClosures: closures, schoolHolidays };
  const versions = await termsVersions(ctx.db, tenantId, 'calendar', input.id);
  const latest = versions.at(-1);
  const validFrom = effectiveFrom(ctx, requested, latest);
  try {
    const version = await ctx.db.transaction(async (tx) => {
      const published = await insertTermsVersion(ctx, tx, { kind: 'calendar', key: input.id, expected, latest, validFrom, body });
      await recordAudit(ctx, tx, [
        { tenantId, action: published === 1 ? 'create' : 'publish', entityType: 'business-calendar', entityId: input.id, before: latest?.body ?? null, after: { validFrom, ...body } },
      ]);
      return published;
    });
    return { version, validFrom };
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
