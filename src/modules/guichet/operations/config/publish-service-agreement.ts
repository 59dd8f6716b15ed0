import { authorize } from '../../../../server/platform/authz.js';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import { serviceAgreementSchema, type ServiceAgreement } from '../../sla/index.js';
import type { PublishedTerms } from './publish-priority-matrix.js';
import type { PublishServiceAgreementInput } from './service-agreement.input.js';
import { assertCategories, effectiveFrom, insertTermsVersion, invalid, termsVersions, validated } from './shared.js';

export { agreementIdParam, publishServiceAgreementInput } from './service-agreement.input.js';

/**
 * Creates an agreement (version 0 → 1) or publishes a new version of it. Earlier stretches of
 * running tickets stay measured with the versions of their time (see sla/clock.ts, rule 5).
 */
export async function publishServiceAgreement(ctx: Ctx, input: { id: string; terms: PublishServiceAgreementInput }): Promise<PublishedTerms> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  const { version: expected, validFrom: requested, ...terms } = input.terms;
  assertCategories(config, Object.keys(terms.categories), 'categories');
  const targets = [...Object.values(terms.targets), ...Object.values(terms.categories).flatMap((c) => Object.values(c))];
  for (const calendarId of new Set(targets.map((t) => t?.calendarId))) {
    if (calendarId && !config.calendars[calendarId]) throw invalid('targets', `Calendrier inconnu : ${calendarId}.`);
  }
  const versions = await termsVersions(ctx.db, tenantId, 'agreement', input.id);
  const latest = versions.at(-1);
  const validFrom = effectiveFrom(ctx, requested, latest);
  const body: ServiceAgreement = validated(serviceAgreementSchema, { id: input.id, version: expected + 1, ...terms });
  try {
    const version = await ctx.db.transaction(async (tx) => {
      const published = await insertTermsVersion(ctx, tx, { kind: 'agreement', key: input.id, expected, latest, validFrom, body });
      await recordAudit(ctx, tx, [
        { tenantId, action: published === 1 ? 'create' : 'publish', entityType: 'service-agreement', entityId: input.id, before: latest?.body ?? null, after: { validFrom, ...body } },
      ]);
      return published;
    });
    return { version, validFrom };
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
