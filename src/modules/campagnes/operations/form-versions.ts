import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { formFieldsSchema, type FormField } from '../../../shared/campaign-form.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { recordAudit } from '../../../server/platform/audit.js';
import { defineCache } from '../../../server/platform/cache.js';
import { AppError } from '../../../server/platform/errors.js';
import { assertUpdated } from '../../../server/platform/versioned-update.js';
import { loadCampaign } from '../campaign-access.js';
import { formVersions } from '../db/schema.js';

export type FormVersionRow = typeof formVersions.$inferSelect;

export const saveFormInput = z.object({
  fields: formFieldsSchema,
  annotationFields: formFieldsSchema.default([]),
  version: z.number().int(),
});
export type SaveFormInput = z.infer<typeof saveFormInput>;

export const fieldsOf = (v: Pick<FormVersionRow, 'fields'>) => v.fields as FormField[];
export const annotationFieldsOf = (v: Pick<FormVersionRow, 'annotationFields'>) => v.annotationFields as FormField[];

/** The campaign's versions, newest first: the draft being built (unpublished) and the published ones. */
export async function listFormVersions(db: Db, tenantId: string, campaignId: string) {
  return db.select().from(formVersions).where(and(eq(formVersions.tenantId, tenantId), eq(formVersions.campaignId, campaignId))).orderBy(desc(formVersions.number));
}

/** The version new files start on: the last published one. */
export async function currentFormVersion(db: Db, tenantId: string, campaignId: string): Promise<FormVersionRow | null> {
  const [row] = await db
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.tenantId, tenantId), eq(formVersions.campaignId, campaignId), isNotNull(formVersions.publishedAt)))
    .orderBy(desc(formVersions.number))
    .limit(1);
  return row ?? null;
}

/**
 * Published versions never change (`saveForm` edits only the draft), so each is read once per
 * process; a draft is read every time. Nothing to invalidate: a deleted campaign's versions are
 * never asked for again.
 */
export const publishedFormVersions = defineCache<FormVersionRow>('campagnes-published-forms', { max: 2_000, ttlMs: 60 * 60_000 });

/** A file's form version, from the cache once published. */
export async function fileFormVersion(ctx: Pick<Ctx, 'db' | 'cache'>, tenantId: string, id: string): Promise<FormVersionRow> {
  const published = ctx.cache.of(publishedFormVersions);
  const key = `${tenantId}:${id}`;
  const kept = published.get(key);
  if (kept) return kept;
  const row = await formVersionById(ctx.db, tenantId, id);
  if (row.publishedAt) published.set(key, row);
  return row;
}

export async function formVersionById(db: Db, tenantId: string, id: string): Promise<FormVersionRow> {
  const [row] = await db.select().from(formVersions).where(and(eq(formVersions.tenantId, tenantId), eq(formVersions.id, id)));
  if (!row) throw new AppError('NOT_FOUND', 'Version du formulaire introuvable.');
  return row;
}

async function draftOf(db: Db, tenantId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.tenantId, tenantId), eq(formVersions.campaignId, campaignId), isNull(formVersions.publishedAt)));
  return row ?? null;
}

/**
 * The draft version, created from the last published one when there is none: the builder always
 * edits a draft, and publishing never changes a version files were started on.
 */
export async function editableForm(ctx: Ctx, campaignId: string) {
  const { campaign } = await loadCampaign(ctx, campaignId, 'campaign.manage');
  const existing = await draftOf(ctx.db, campaign.tenantId, campaign.id);
  if (existing) return existing;
  const published = await currentFormVersion(ctx.db, campaign.tenantId, campaign.id);
  const [created] = await ctx.db
    .insert(formVersions)
    .values({
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      number: (published?.number ?? 0) + 1,
      fields: published?.fields ?? [],
      annotationFields: published?.annotationFields ?? [],
    })
    .onConflictDoNothing()
    .returning();
  return created ?? (await draftOf(ctx.db, campaign.tenantId, campaign.id))!;
}

export async function saveForm(ctx: Ctx, input: { campaignId: string; changes: SaveFormInput }) {
  const draft = await editableForm(ctx, input.campaignId);
  const [updated] = await ctx.db
    .update(formVersions)
    .set({ fields: input.changes.fields, annotationFields: input.changes.annotationFields, version: sql`${formVersions.version} + 1` })
    .where(and(eq(formVersions.tenantId, draft.tenantId), eq(formVersions.id, draft.id), eq(formVersions.version, input.changes.version), isNull(formVersions.publishedAt)))
    .returning();
  assertUpdated(updated);
  return updated;
}

/** Publishes the draft: new files start on it; files already started keep their version and every answer. */
export async function publishForm(ctx: Ctx, input: { campaignId: string; version: number }) {
  const draft = await editableForm(ctx, input.campaignId);
  if (!fieldsOf(draft).length) throw new AppError('VALIDATION', 'Ajoutez au moins un champ avant de publier le formulaire.');
  return ctx.db.transaction(async (tx) => {
    const [published] = await tx
      .update(formVersions)
      .set({ publishedAt: ctx.now(), version: sql`${formVersions.version} + 1` })
      .where(and(eq(formVersions.tenantId, draft.tenantId), eq(formVersions.id, draft.id), eq(formVersions.version, input.version), isNull(formVersions.publishedAt)))
      .returning();
    assertUpdated(published);
    await recordAudit(ctx, tx, [{ tenantId: draft.tenantId, action: 'update', entityType: 'campaign-form', entityId: draft.campaignId, after: { published: draft.number } }]);
    return published;
  });
}
