import type { Db } from '../../../server/platform/db.js';

export interface SiteLink {
  downMbps: number | null;
  upMbps: number | null;
}

/**
 * The internet link of each school, from the contracts module when it is present. Without it the
 * link indicators stay « unknown » (null), never « met ».
 */
export async function siteLinks(db: Db, tenantId: string, establishmentIds: readonly string[] | null): Promise<Map<string, SiteLink>> {
  void db;
  void tenantId;
  void establishmentIds;
  return new Map();
}
