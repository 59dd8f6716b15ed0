import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { renewalLines, renewalRequests } from './db/schema.js';

export type RenewalRequestRow = typeof renewalRequests.$inferSelect;
export interface RenewalLine {
  assetClass: string;
  requested: number;
  granted: number | null;
}

/** The requests and lines of some files, by file id. */
export async function requestsOf(db: Db, tenantId: string, dossierIds: string[]) {
  const byFile = new Map<string, { request: RenewalRequestRow; lines: RenewalLine[] }>();
  if (!dossierIds.length) return byFile;
  const requests = await db.select().from(renewalRequests).where(and(eq(renewalRequests.tenantId, tenantId), inArray(renewalRequests.dossierId, dossierIds)));
  for (const request of requests) byFile.set(request.dossierId, { request, lines: [] });
  const lines = await db
    .select()
    .from(renewalLines)
    .where(and(eq(renewalLines.tenantId, tenantId), inArray(renewalLines.dossierId, dossierIds)))
    .orderBy(renewalLines.assetClass);
  for (const l of lines) byFile.get(l.dossierId)?.lines.push({ assetClass: l.assetClass, requested: l.requested, granted: l.granted });
  return byFile;
}

/** What a file's granted quantities cost at the campaign's prices. */
export const grantedCents = (lines: RenewalLine[], costs: Record<string, number>) => lines.reduce((t, l) => t + (l.granted ?? 0) * (costs[l.assetClass] ?? 0), 0);
export const requestedCents = (lines: RenewalLine[], costs: Record<string, number>) => lines.reduce((t, l) => t + l.requested * (costs[l.assetClass] ?? 0), 0);
