import { and, eq } from 'drizzle-orm';
import type { ZodType } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { AppError } from '../../../../server/platform/errors.js';
import { serviceTerms } from '../../db/schema.js';
import type { DeskConfig } from '../../desk-config.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';

/**
 * Checks shared by the desk-configuration operations: references that must exist in the tenant's
 * desk (organizations, units, teams, categories, agreements, calendars) and the rule of dated
 * versions for the service terms.
 */

/** Parses a value an operation built itself; a refusal becomes a 400 with the field paths (never a 500). */
export function validated<T>(schema: ZodType<T>, value: unknown, prefix = 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('VALIDATION', 'Certaines valeurs envoyées ne sont pas valides.', {
    issues: result.error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  });
}

export const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path: `body.${path}`, message }] });

/** The organization must be the tenant or one of its partners (Académie, contractor). */
export function assertOrganization(config: DeskConfig, organizationId: string, path: string): void {
  if (!config.organizations.has(organizationId)) {
    throw invalid(path, "Cette organisation n'est ni la collectivité ni l'un de ses partenaires.");
  }
}

export function assertUnits(config: DeskConfig, unitIds: readonly string[]): void {
  const unknown = unitIds.filter((id) => !config.units.has(id));
  if (unknown.length > 0) throw invalid('unitIds', `Unité territoriale inconnue : ${unknown.join(', ')}.`);
}

export function assertCategories(config: DeskConfig, keys: readonly string[], path: string): void {
  const unknown = keys.filter((key) => !config.categories.has(key));
  if (unknown.length > 0) throw invalid(path, `Catégorie inconnue : ${unknown.join(', ')}.`);
}

export function assertAgreement(config: DeskConfig, agreementId: string, path: string): void {
  if (!config.agreements[agreementId]) throw invalid(path, `Convention de service inconnue : ${agreementId}.`);
}

/** A unique key broken by a concurrent insert. */
export const isUniqueViolation = (error: unknown): boolean => isDatabaseError(error, '23505');

export type TermsKind = 'agreement' | 'calendar' | 'priority-matrix';

export interface StoredTerms {
  version: number;
  validFrom: Date;
  body: unknown;
}

/** Every stored version of one set of terms, oldest first. */
export async function termsVersions(db: Db, tenantId: string, kind: TermsKind, key: string): Promise<StoredTerms[]> {
  return db
    .select({ version: serviceTerms.version, validFrom: serviceTerms.validFrom, body: serviceTerms.body })
    .from(serviceTerms)
    .where(and(eq(serviceTerms.tenantId, tenantId), eq(serviceTerms.kind, kind), eq(serviceTerms.key, key)))
    .orderBy(serviceTerms.version);
}

/**
 * When a new version takes effect: now, or a later instant the caller chose. Never in the past
 * (running tickets keep the terms their past was measured with) and never before the latest
 * version, so the versions stay in the order they were written and each instant has one answer.
 */
export function effectiveFrom(ctx: Ctx, requested: string | undefined, latest: StoredTerms | undefined): Date {
  const now = ctx.now();
  const from = requested ? new Date(requested) : now;
  if (from.getTime() < now.getTime() - 60_000) {
    throw invalid('validFrom', "La date d'effet ne peut pas être dans le passé : les tickets en cours gardent les conditions de leur passé.");
  }
  if (latest && from.getTime() < latest.validFrom.getTime()) {
    throw invalid(
      'validFrom',
      `Une version programmée à partir du ${latest.validFrom.toISOString()} existe déjà : choisissez une date d'effet postérieure.`,
    );
  }
  return from.getTime() < now.getTime() ? now : from;
}

/**
 * Publishes version `expected + 1` of a set of terms, if `expected` is still the latest one (409
 * otherwise, also when two editors race: the primary key refuses the second insert).
 */
export async function insertTermsVersion(
  ctx: Ctx,
  tx: Db,
  terms: { kind: TermsKind; key: string; expected: number; latest: StoredTerms | undefined; validFrom: Date; body: unknown },
): Promise<number> {
  const current = terms.latest?.version ?? 0;
  if (current !== terms.expected) throw versionConflictOfTerms();
  const version = current + 1;
  try {
    await tx.insert(serviceTerms).values({
      tenantId: ctx.actor!.tenantId,
      kind: terms.kind,
      key: terms.key,
      version,
      validFrom: terms.validFrom,
      body: terms.body,
      createdAt: ctx.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw versionConflictOfTerms();
    throw error;
  }
  return version;
}

export const versionConflictOfTerms = () =>
  new AppError(
    'VERSION_CONFLICT',
    "Ces conditions ont été modifiées entre-temps par quelqu'un d'autre. Rechargez la page pour voir la version actuelle, puis refaites votre modification.",
  );

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
