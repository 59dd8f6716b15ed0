import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { campaigns, dossiers } from '../db/schema.js';
import { renewalLines } from './db/schema.js';

export interface GrantedRenewalQuantity {
  campaignId: string;
  campaignCode: string;
  dossierId: string;
  dossierNumber: number;
  establishmentId: string;
  assetClass: string;
  granted: number;
}

/**
 * The quantities granted on accepted renewal files, per school and class: what orders and the
 * fleet's deployments start from. The caller has authorized the person for the tenant's campaigns.
 */
export async function grantedRenewalQuantities(db: Db, params: { tenantId: string; campaignId?: string }): Promise<GrantedRenewalQuantity[]> {
  return db
    .select({
      campaignId: campaigns.id,
      campaignCode: campaigns.code,
      dossierId: dossiers.id,
      dossierNumber: dossiers.number,
      establishmentId: dossiers.establishmentId,
      assetClass: renewalLines.assetClass,
      granted: renewalLines.granted,
    })
    .from(renewalLines)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, renewalLines.tenantId), eq(dossiers.id, renewalLines.dossierId)))
    .innerJoin(campaigns, and(eq(campaigns.tenantId, dossiers.tenantId), eq(campaigns.id, dossiers.campaignId)))
    .where(
      and(
        eq(renewalLines.tenantId, params.tenantId),
        eq(dossiers.state, 'accepte'),
        eq(campaigns.kind, 'renewal'),
        gt(renewalLines.granted, 0),
        params.campaignId ? eq(campaigns.id, params.campaignId) : undefined,
      ),
    )
    .orderBy(asc(campaigns.code), asc(dossiers.number), asc(renewalLines.assetClass)) as Promise<GrantedRenewalQuantity[]>;
}
