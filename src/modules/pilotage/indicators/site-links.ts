import type { Db } from '../../../server/platform/db.js';
import { currentSiteLinks } from '../../marches/index.js';

export interface SiteLink {
  downMbps: number | null;
  upMbps: number | null;
}

/**
 * The internet link serving each school today, from the contracts module; a school without a known
 * link is absent, so its link indicators stay « unknown » (null), never « met ». Asked in chunks:
 * the contracts module takes an id list, and a national assessment has tens of thousands.
 */
export async function siteLinks(db: Db, tenantId: string, establishmentIds: readonly string[], on: Date): Promise<Map<string, SiteLink>> {
  const found = new Map<string, SiteLink>();
  for (let i = 0; i < establishmentIds.length; i += 5000) {
    const links = await currentSiteLinks(db, tenantId, establishmentIds.slice(i, i + 5000), on);
    for (const [id, link] of links) found.set(id, { downMbps: link.downMbps, upMbps: link.upMbps });
  }
  return found;
}
