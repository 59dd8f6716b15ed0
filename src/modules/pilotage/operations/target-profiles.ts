import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import { assertVersion } from '../../../server/platform/versioned-update.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { targetProfiles, targetProfileVersions } from '../db/schema.js';
import { steeringTargetsChanged } from '../indicators/steering-caches.js';
import type { createTargetProfileInput, profileIndicatorsInput, updateProfileVersionInput } from './target-profile.input.js';

export interface TargetProfileView {
  id: string;
  name: string;
  establishmentKind: string;
  minPupils: number | null;
  maxPupils: number | null;
  versions: { id: string; number: number; indicators: { code: string; target: number }[]; frozen: boolean; version: number }[];
}

/** Every profile with all its versions (read by whoever reads the steering: targets are public to them). */
export async function listTargetProfiles(ctx: Ctx): Promise<TargetProfileView[]> {
  authorize(ctx.actor, 'steering.read');
  const tenantId = ctx.actor.tenantId;
  const profiles = await ctx.db.select().from(targetProfiles).where(eq(targetProfiles.tenantId, tenantId)).orderBy(asc(targetProfiles.name));
  const versions = await ctx.db.select().from(targetProfileVersions).where(eq(targetProfileVersions.tenantId, tenantId)).orderBy(asc(targetProfileVersions.number));
  return profiles.map((p) => ({
    id: p.id,
    name: p.name,
    establishmentKind: p.establishmentKind,
    minPupils: p.minPupils,
    maxPupils: p.maxPupils,
    versions: versions
      .filter((v) => v.profileId === p.id)
      .map((v) => ({ id: v.id, number: v.number, indicators: v.indicators, frozen: v.frozenAt !== null, version: v.version })),
  }));
}

export async function createTargetProfile(ctx: Ctx, input: z.infer<typeof createTargetProfileInput>): Promise<{ id: string }> {
  authorize(ctx.actor, 'target.manage');
  const tenantId = ctx.actor.tenantId;
  const created = await ctx.db.transaction(async (tx) => {
    const [profile] = await tx
      .insert(targetProfiles)
      .values({ tenantId, name: input.name, establishmentKind: input.establishmentKind, minPupils: input.minPupils, maxPupils: input.maxPupils })
      .onConflictDoNothing()
      .returning({ id: targetProfiles.id });
    if (!profile) throw new AppError('CONFLICT', `Un profil cible « ${input.name} » existe déjà.`);
    await tx.insert(targetProfileVersions).values({ tenantId, profileId: profile.id, number: 1, indicators: input.indicators });
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'target-profile', entityId: profile.id, after: input }]);
    return profile;
  });
  steeringTargetsChanged(ctx, tenantId);
  return created;
}

/** A new version from the given thresholds: the way to change targets once a voted plan froze the last one. */
export async function addProfileVersion(ctx: Ctx, profileId: string, indicators: z.infer<typeof profileIndicatorsInput>): Promise<{ number: number }> {
  authorize(ctx.actor, 'target.manage');
  const tenantId = ctx.actor.tenantId;
  const added = await ctx.db.transaction(async (tx) => {
    // the profile row, locked, serialises two concurrent new versions
    const [profile] = await tx.select({ id: targetProfiles.id }).from(targetProfiles).where(and(eq(targetProfiles.tenantId, tenantId), eq(targetProfiles.id, profileId))).for('update');
    if (!profile) throw notFound('Profil cible');
    const [{ last }] = await tx.select({ last: max(targetProfileVersions.number) }).from(targetProfileVersions).where(and(eq(targetProfileVersions.tenantId, tenantId), eq(targetProfileVersions.profileId, profileId)));
    const number = (last ?? 0) + 1;
    await tx.insert(targetProfileVersions).values({ tenantId, profileId, number, indicators });
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'target-profile-version', entityId: profileId, after: { number, indicators } }]);
    return { number };
  });
  steeringTargetsChanged(ctx, tenantId);
  return added;
}

/** Edits a version's thresholds; refused (409) once a voted plan used it, or when another edit came first. */
export async function updateProfileVersion(ctx: Ctx, profileId: string, number: number, input: z.infer<typeof updateProfileVersionInput>): Promise<{ number: number; version: number }> {
  authorize(ctx.actor, 'target.manage');
  const tenantId = ctx.actor.tenantId;
  const where = and(eq(targetProfileVersions.tenantId, tenantId), eq(targetProfileVersions.profileId, profileId), eq(targetProfileVersions.number, number));
  const updated = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(targetProfileVersions).where(where).for('update');
    if (!current) throw notFound('Version du profil cible');
    if (current.frozenAt) {
      throw new AppError('CONFLICT', `La version ${number} de ce profil a servi à un PPI voté : elle ne peut plus être modifiée. Créez une nouvelle version.`);
    }
    assertVersion(current, input.version);
    await tx.update(targetProfileVersions).set({ indicators: input.indicators, version: sql`${targetProfileVersions.version} + 1` }).where(where);
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'target-profile-version', entityId: current.id, before: { indicators: current.indicators }, after: { indicators: input.indicators } }]);
    return { number, version: current.version + 1 };
  });
  steeringTargetsChanged(ctx, tenantId);
  return updated;
}
