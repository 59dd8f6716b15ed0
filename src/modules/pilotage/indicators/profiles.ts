import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { targetProfiles, targetProfileVersions, type ProfileIndicator } from '../db/schema.js';
import type { SteeringSchool } from './schools.js';

export interface ProfileChoice {
  id: string;
  name: string;
  establishmentKind: string;
  minPupils: number | null;
  maxPupils: number | null;
  versionId: string;
  versionNumber: number;
  indicators: ProfileIndicator[];
}

/** The latest version of each of a tenant's profiles (a handful: read once per request). */
export type ProfileCatalogue = ProfileChoice[];

export async function loadProfileCatalogue(db: Db, tenantId: string): Promise<ProfileCatalogue> {
  const found = await db
    .select({
      id: targetProfiles.id,
      name: targetProfiles.name,
      establishmentKind: targetProfiles.establishmentKind,
      minPupils: targetProfiles.minPupils,
      maxPupils: targetProfiles.maxPupils,
      versionId: targetProfileVersions.id,
      versionNumber: targetProfileVersions.number,
      indicators: targetProfileVersions.indicators,
    })
    .from(targetProfiles)
    .innerJoin(targetProfileVersions, eq(targetProfileVersions.profileId, targetProfiles.id))
    .where(eq(targetProfiles.tenantId, tenantId))
    .orderBy(targetProfiles.name, desc(targetProfileVersions.number));
  const latest = new Map<string, ProfileChoice>();
  for (const row of found) if (!latest.has(row.id)) latest.set(row.id, row);
  return [...latest.values()];
}

/**
 * The profile of a school: its kind, and the narrowest size band holding its pupils (a band
 * without bounds fits every size; a school of unknown size fits only such a band).
 */
export function chooseProfile(catalogue: ProfileCatalogue, school: Pick<SteeringSchool, 'kind' | 'pupils'>): ProfileChoice | null {
  const fits = catalogue.filter((p) => {
    if (p.establishmentKind !== school.kind) return false;
    if (p.minPupils === null && p.maxPupils === null) return true;
    if (school.pupils === null) return false;
    return (p.minPupils === null || school.pupils >= p.minPupils) && (p.maxPupils === null || school.pupils <= p.maxPupils);
  });
  const width = (p: ProfileChoice) => (p.maxPupils ?? 1e9) - (p.minPupils ?? 0);
  return fits.sort((a, b) => width(a) - width(b))[0] ?? null;
}
