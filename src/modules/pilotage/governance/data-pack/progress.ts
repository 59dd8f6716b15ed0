import { sql } from 'drizzle-orm';
import { assessSchools } from '../../indicators/assess.js';
import { indicatorCodes, indicatorDefinitions } from '../../indicators/catalogue.input.js';
import { loadProfileCatalogue } from '../../indicators/profiles.js';
import type { PackContext } from './figures.js';
import { number, percent, type PackSection } from './sections.js';

/**
 * Progress to target, from the steering's live assessment of every school (indicators/assess.ts):
 * per indicator, the share of the schools with a figure that meet their profile's target; a school
 * without data is counted apart, never as meeting it.
 */
export async function progressSection(p: PackContext): Promise<PackSection> {
  const profiles = await loadProfileCatalogue(p.ctx.db, p.tenantId);
  const assessments = await assessSchools(p.ctx.db, p.tenantId, sql`true`, profiles, p.to);
  const withProfile = assessments.filter((a) => a.profile);
  const allMet = withProfile.filter((a) => a.indicators.every((i) => i.met !== false) && a.indicators.some((i) => i.met === true));
  const bars = indicatorCodes.flatMap((code) => {
    const known = withProfile.map((a) => a.indicators.find((i) => i.code === code)).filter((i) => i && i.met !== null);
    if (known.length === 0) return [];
    return [{ label: indicatorDefinitions[code].label, value: known.filter((i) => i!.met).length / known.length }];
  });
  return {
    title: 'Progression vers la cible',
    rows: [
      ['Établissements évalués', number(assessments.length)],
      ['Dont avec un profil cible', number(withProfile.length)],
      ['Atteignant toutes leurs cibles connues', percent(withProfile.length ? allMet.length / withProfile.length : null)],
    ],
    bars,
    note: bars.length ? 'Barre : part des établissements, parmi ceux dont le chiffre est connu, qui atteignent la cible de leur profil.' : 'Aucun indicateur mesuré face à une cible.',
  };
}
