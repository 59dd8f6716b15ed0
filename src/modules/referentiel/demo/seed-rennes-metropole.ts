import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { DemoSeed } from '../../../server/platform/module.js';
import { establishments, organizations } from '../db/schema.js';
import { createOrganization } from '../operations/create-organization.js';
import { createTerritorialUnit } from '../operations/create-territorial-unit.js';
import type { Competence } from '../competence/competence.js';
import { importEstablishments } from '../operations/import-establishments.js';

/**
 * The 43 communes of Rennes Métropole by INSEE code (never by label: the annuaire spells them its
 * own way), with the code of the organization the demo gives the communes that answer its cycles.
 */
export const rennesMetropoleCommunes: [insee: string, name: string, code: string | null][] = [
  ['35238', 'Rennes', 'ville-de-rennes'], ['35051', 'Cesson-Sévigné', 'cesson-sevigne'], ['35281', 'Saint-Jacques-de-la-Lande', 'saint-jacques-de-la-lande'],
  ['35047', 'Bruz', 'bruz'], ['35024', 'Betton', 'betton'], ['35055', 'Chantepie', 'chantepie'], ['35210', 'Pacé', 'pace'], ['35240', 'Le Rheu', 'le-rheu'],
  ['35196', 'Mordelles', 'mordelles'], ['35352', 'Vern-sur-Seiche', 'vern-sur-seiche'], ['35278', 'Saint-Grégoire', 'saint-gregoire'],
  ['35334', 'Thorigné-Fouillard', 'thorigne-fouillard'],
  ['35001', 'Acigné', null], ['35022', 'Bécherel', null], ['35032', 'Bourgbarré', null], ['35039', 'Brécé', null], ['35058', 'La Chapelle-Chaussée', null],
  ['35059', 'La Chapelle-des-Fougeretz', null], ['35065', 'La Chapelle-Thouarault', null], ['35066', 'Chartres-de-Bretagne', null], ['35076', 'Chavagne', null],
  ['35079', 'Chevaigné', null], ['35080', 'Cintré', null], ['35081', 'Clayes', null], ['35088', 'Corps-Nuds', null], ['35120', 'Gévezé', null],
  ['35131', "L'Hermitage", null], ['35139', 'Laillé', null], ['35144', 'Langan', null], ['35180', 'Miniac-sous-Bécherel', null], ['35189', 'Montgermont', null],
  ['35204', 'Nouvoitou', null], ['35206', 'Noyal-Châtillon-sur-Seiche', null], ['35208', 'Orgères', null], ['35216', 'Parthenay-de-Bretagne', null],
  ['35363', 'Pont-Péan', null], ['35245', 'Romillé', null], ['35250', 'Saint-Armel', null], ['35266', 'Saint-Erblon', null], ['35275', 'Saint-Gilles', null],
  ['35315', 'Saint-Sulpice-la-Forêt', null], ['35351', 'Le Verger', null], ['35353', 'Vezin-le-Coquet', null],
];

/** What this demo leaves for the pilotage's (DemoSeed.shared): each commune with an organization and its unit. */
export interface RennesMetropoleDemo {
  tenantCode: string;
  communes: { insee: string; name: string; code: string; organizationId: string; unitId: string }[];
}
export const rennesMetropoleDemoKey = 'rennes-metropole';

const annuaire = fileURLToPath(new URL('../../../../fixtures/annuaire/fr-en-annuaire-education-ille-et-vilaine.csv', import.meta.url));

/**
 * Rennes Métropole, modelled on Bordeaux Métropole's « à la carte » pooling: a tenant holding the
 * écoles of its 43 communes (its declared competence filters the Ille-et-Vilaine annuaire), the
 * académie de Rennes, and the communes that answer its cycles as partner organizations, each
 * with a unit holding its écoles (a commune's role is narrowed to it).
 */
export async function seedRennesMetropole(seed: DemoSeed): Promise<void> {
  const { ctx, database, tenants } = seed;
  const metropole = await createOrganization(ctx, { code: 'rennes-metropole', kind: 'metropole', name: 'Rennes Métropole' });
  const tenantId = metropole.tenantId;
  tenants.set('rennes-metropole', tenantId);
  const competence: Competence = { families: ['ecole'], academyCodes: ['14'], departmentCodes: ['35'], communeCodes: rennesMetropoleCommunes.map(([insee]) => insee) };
  await ctx.db.update(organizations).set({ settings: { competence } }).where(eq(organizations.tenantId, tenantId));
  tenants.set('ac-rennes', (await createOrganization(ctx, { code: 'ac-rennes', kind: 'academie', name: 'Académie de Rennes', academyCode: '14', partnerOf: ['rennes-metropole'] })).tenantId);
  await importEstablishments(ctx, { tenantId, bytes: readFileSync(annuaire), filename: 'fr-en-annuaire-education-ille-et-vilaine.csv', mode: 'apply-valid', scope: { competence, confirmOutOfScope: false } });

  const agency = await createTerritorialUnit(ctx, { tenantId, code: 'RM-ECOLES', name: 'Écoles de la Métropole', kind: 'agency' });
  const communes: RennesMetropoleDemo['communes'] = [];
  for (const [insee, name, code] of rennesMetropoleCommunes) {
    if (!code) continue;
    const org = await createOrganization(ctx, { code, kind: 'commune', name: `Commune de ${name}`, partnerOf: ['rennes-metropole'] });
    tenants.set(code, org.tenantId);
    const unit = await createTerritorialUnit(ctx, { tenantId, code: `COM-${insee}`, name: `Écoles de ${name}`, kind: 'sector', parentId: agency.id });
    const ids = await ctx.db.select({ id: establishments.id }).from(establishments).where(and(eq(establishments.tenantId, tenantId), eq(establishments.communeCode, insee)));
    if (ids.length) {
      await ctx.db
        .update(establishments)
        .set({ unitId: unit.id })
        .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.id, ids.map((e) => e.id))));
    }
    communes.push({ insee, name, code, organizationId: org.tenantId, unitId: unit.id });
  }
  const demo: RennesMetropoleDemo = { tenantCode: 'rennes-metropole', communes };
  seed.shared.set(rennesMetropoleDemoKey, demo);
}
