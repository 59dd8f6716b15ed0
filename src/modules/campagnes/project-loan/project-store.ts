import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import type { CampaignRow } from '../campaign-access.js';
import { projectLoans } from './db/schema.js';

export type ProjectLoanRow = typeof projectLoans.$inferSelect;

export async function projectOf(db: Db, tenantId: string, dossierId: string): Promise<ProjectLoanRow | undefined> {
  const [row] = await db.select().from(projectLoans).where(and(eq(projectLoans.tenantId, tenantId), eq(projectLoans.dossierId, dossierId)));
  return row;
}

export function assertProjectCall(campaign: Pick<CampaignRow, 'kind'>) {
  if (campaign.kind !== 'project') throw new AppError('NOT_FOUND', 'Ce dossier n’appartient pas à un appel à projets pédagogiques.');
}
