import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { contracts, lots, priceItems, priceLists } from '../../db/schema.js';
import { budgetLines } from '../../orders/db/schema.js';
import { entSites, resourceChoices, resourceTitles } from '../db/schema.js';
import { consolidateResourceChoices } from '../operations/consolidate-resource-choices.js';

/** The seed's Grand Est figure: licences ordered for the schools (5.66 a pupil). */
export const grandEstLicences = 189_697;

/** The catalogue: title, publisher, levels, price per licence in euros, through the GAR, digital version. */
const catalogue: [string, string, string[], number, boolean, boolean][] = [
  ['Mathématiques 2de', 'Hachette Éducation', ['2de'], 9.5, true, true],
  ['Mathématiques spécialité 1re', 'Nathan', ['1re'], 9.5, true, true],
  ['Physique-chimie', 'Bordas', ['2de', '1re'], 8, true, true],
  ['SVT', 'Belin Éducation', ['2de', '1re'], 8, true, true],
  ['Histoire-géographie', 'Magnard', ['2de', '1re', 'Tle'], 7.5, true, true],
  ['Français', 'Le Robert', ['2de', '1re'], 7, true, true],
  ['Anglais', 'Didier', ['2de', '1re', 'Tle'], 6.5, true, true],
  ['Allemand', 'Hatier', ['2de', '1re', 'Tle'], 6.5, false, true],
  ['Philosophie', 'Hatier', ['Tle'], 7, true, true],
  ['Sciences économiques et sociales', 'Nathan', ['2de', '1re'], 8, true, true],
  ['Atlas géographique', 'Nathan', ['2de'], 14.9, false, false],
  ['Œuvres intégrales (lectures)', 'Folio', ['2de', '1re'], 5.2, false, false],
];

/** Grand Est's départements by code (the référentiel's spelling: two or three digits). */
const grandEstDepartments = ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'].flatMap((c) => [c, `0${c}`]);

const eur = (euros: number) => Math.round(euros * 100);

/** A system actor of the demo with the authority's administrator role (consolidation checks it). */
function demoActor(tenantId: string, tenantCode: string): Actor {
  return {
    kind: 'user',
    id: 'demo-seed',
    label: 'Jeu de démonstration',
    tenantId,
    tenantCode,
    assignments: [{ id: 'demo-seed', role: 'authority-admin', organizationId: tenantId, organizationCode: tenantCode, establishmentId: null, unitIds: [], level: null, academyCode: null }],
  };
}

/**
 * Grand Est's digital resources contract: the catalogue, every lycée's choices per level (the
 * seed's 189,697 licences spread over the schools by a fixed rule), consolidated into the
 * Région's draft orders to the holder, as Grand Est ordered all of the schools' requests.
 */
export async function seedGrandEstResources(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('grand-est');
  if (!tenantId) return;
  const [contract] = await ctx.db
    .insert(contracts)
    .values({
      tenantId, reference: 'GE-2025-RESS', object: 'Ressources numériques éducatives des lycées (manuels et licences)', theme: 'Ressources numériques', kind: 'framework-orders', procedure: 'open-tender', cpvCode: '48190000-6',
      buyerOrganizationId: tenantId, buyerSiret: '20005226400015', holders: [{ siret: '41234567800019', name: 'Distributeur Ressources Éducatives SAS' }], notifiedOn: '2025-06-15', startsOn: '2025-07-01', durationMonths: 48,
      area: { unitIds: [], departements: [], formerRegions: ['Alsace', 'Champagne-Ardenne', 'Lorraine'] }, estimateCents: eur(6_000_000), ccag: 'fcs', priceForm: 'unit', status: 'notified',
    })
    .returning();
  const [lot] = await ctx.db.insert(lots).values({ tenantId, contractId: contract.id, number: 1, title: 'Licences de manuels numériques', holderName: 'Distributeur Ressources Éducatives SAS', holderSiret: '41234567800019', maxAmountCents: eur(4_000_000) }).returning();
  const [list] = await ctx.db.insert(priceLists).values({ tenantId, lotId: lot.id, revision: 1, validFrom: '2025-07-01' }).returning();
  const digital = catalogue.filter((c) => c[5]);
  const items = await ctx.db
    .insert(priceItems)
    .values(digital.map(([title, , , price], i) => ({ tenantId, lotId: lot.id, priceListId: list.id, code: `LIC-${String(i + 1).padStart(2, '0')}`, label: `Licence élève : ${title}`, unit: 'licence', unitPriceExclTaxCents: eur(price), vatRateBp: 550, recurrence: 'one-off' })))
    .returning();
  const titles = await ctx.db
    .insert(resourceTitles)
    .values(
      catalogue.map(([title, publisher, levels, price, gar, isDigital]) => ({
        tenantId, contractId: contract.id, lotId: lot.id, priceItemId: isDigital ? items[digital.findIndex((d) => d[0] === title)].id : null,
        title, publisher, levels, pricePerLicenceCents: eur(price), throughGar: gar, digital: isDigital,
      })),
    )
    .returning();

  const schools = await ctx.db
    .select({ id: establishments.id })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.departmentCode, grandEstDepartments)))
    .orderBy(asc(establishments.uai));
  if (!schools.length) return;
  // every school takes every digital title at each of its levels, weighted by a fixed rule; the total is the seed's
  const slots = schools.flatMap((s, i) => titles.filter((t) => t.digital).flatMap((t, j) => t.levels.map((level, k) => ({ establishmentId: s.id, titleId: t.id, level, weight: 1 + ((i * 7 + j * 3 + k * 5) % 9) }))));
  const weights = slots.reduce((sum, s) => sum + s.weight, 0);
  const quantities = slots.map((s) => Math.floor((grandEstLicences * s.weight) / weights));
  let left = grandEstLicences - quantities.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % quantities.length, left--) quantities[i] += 1;
  const rows = slots.map((s, i) => ({ tenantId, titleId: s.titleId, establishmentId: s.establishmentId, level: s.level, quantity: quantities[i], chosenBy: 'Établissement (démonstration)' })).filter((r) => r.quantity > 0);
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.insert(resourceChoices).values(rows.slice(i, i + 1000));
  // a paper-only title some schools buy from their reserves
  const atlas = titles.find((t) => !t.digital)!;
  await ctx.db.insert(resourceChoices).values(schools.slice(0, 40).map((s) => ({ tenantId, titleId: atlas.id, establishmentId: s.id, level: '2de', quantity: 35, chosenBy: 'Établissement (démonstration)' })));

  const year = ctx.now().getUTCFullYear();
  await ctx.db.insert(budgetLines).values({ tenantId, memberOrganizationId: tenantId, year, fundingSource: 'own-budget', label: `Ressources numériques ${year}`, ceilingCents: eur(3_000_000) });
  await consolidateResourceChoices({ ...ctx, actor: demoActor(tenantId, 'grand-est') }, { contractId: contract.id });
}

/**
 * Hauts-de-France's ENT contract: the lycées opened in three waves (by UAI order, so the same
 * schools every time), 4,950 EUR a site the first year, then 990 EUR a year (seed 000).
 */
export async function seedHautsDeFranceEnt(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('hauts-de-france');
  if (!tenantId) return;
  const [contract] = await ctx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'HDF-2017-ENT')));
  if (!contract) return;
  const schools = await ctx.db.select({ id: establishments.id }).from(establishments).where(eq(establishments.tenantId, tenantId)).orderBy(asc(establishments.uai));
  const waves: [number, string, number][] = [[1, '2017-09-04', 0.3], [2, '2018-09-03', 0.65], [3, '2019-09-02', 1]];
  const rows = schools.map((s, i) => {
    const [wave, openingDate] = waves.find(([, , upTo]) => i < Math.ceil(schools.length * upTo))!;
    return { tenantId, contractId: contract.id, establishmentId: s.id, wave, openingDate, launchCostCents: eur(4950), yearlyCostCents: eur(990) };
  });
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.insert(entSites).values(rows.slice(i, i + 1000));
}
