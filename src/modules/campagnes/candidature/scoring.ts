import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { dossiers, opinions, type GridCriterion } from '../db/schema.js';
import type { CampaignRow } from '../campaign-access.js';
import type { DossierRow } from '../dossier-states.js';
import { schoolFacts, type SchoolFacts } from '../routing.js';

/**
 * The weighted grid of a candidature call (Lycée 4.0): computed criteria read the school in the
 * référentiel (sector, territory with REP/REP+ or the « rural » answer, teaching tracks), reviewed
 * criteria take the median of the experts' scores. The score is out of 100.
 */

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The territory of a school: REP+ or REP from the référentiel, else rural/urban from the file's answer. */
export function territoryOf(school: Pick<SchoolFacts, 'priorityEducation'>, answers: Record<string, unknown>): string {
  if (school.priorityEducation) return school.priorityEducation;
  return answers.rural === true ? 'rural' : 'urbain';
}

export function teachingOf(school: Pick<SchoolFacts, 'tracks' | 'natureCode'>): string {
  if (school.natureCode && ['301', '302', '306', '307'].includes(school.natureCode)) return 'agricole';
  if (school.tracks.includes('professional') || school.natureCode === '320') return 'professionnel';
  if (school.tracks.includes('technological')) return 'technologique';
  return 'general';
}

function computedValue(c: GridCriterion, school: SchoolFacts, answers: Record<string, unknown>): number | null {
  const key = c.source === 'sector' ? school.sector : c.source === 'territory' ? territoryOf(school, answers) : teachingOf(school);
  return c.points?.[key] ?? 0;
}

export interface ScoreDetail {
  score: number | null;
  criteria: { key: string; label: string; weight: number; value: number | null; max: number }[];
}

export function scoreOf(grid: GridCriterion[], school: SchoolFacts | null, answers: Record<string, unknown>, reviews: Record<string, number>[]): ScoreDetail {
  const criteria = grid.map((c) => ({
    key: c.key,
    label: c.label,
    weight: c.weight,
    max: c.max,
    value: c.source === 'reviewer' ? median(reviews.map((r) => r[c.key]).filter((v): v is number => typeof v === 'number')) : school ? computedValue(c, school, answers) : null,
  }));
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  if (!totalWeight || criteria.some((c) => c.value === null)) return { score: null, criteria };
  const score = criteria.reduce((s, c) => s + (c.weight * Math.min(c.value!, c.max)) / c.max, 0) / totalWeight;
  return { score: Math.round(score * 10_000) / 100, criteria };
}

/** Recomputes a candidature file's score after an opinion (in the opinion's transaction). */
export async function rescore(ctx: Ctx, tx: Db, campaign: CampaignRow, dossier: DossierRow): Promise<number | null> {
  if (campaign.kind !== 'candidature' || !campaign.grid.length) return null;
  const school = dossier.establishmentId ? await schoolFacts(tx, dossier.tenantId, dossier.establishmentId) : null;
  const reviews = await tx
    .select({ scores: opinions.scores })
    .from(opinions)
    .where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.dossierId, dossier.id), eq(opinions.status, 'given')));
  const { score } = scoreOf(campaign.grid, school, dossier.answers, reviews.map((r) => r.scores));
  await tx.update(dossiers).set({ score }).where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id)));
  void ctx;
  return score;
}
