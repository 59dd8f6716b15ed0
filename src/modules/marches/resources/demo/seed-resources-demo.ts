import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { contracts, lots, priceItems, priceLists } from '../../db/schema.js';
import { budgetLines } from '../../orders/db/schema.js';
import { entSites, resourceChoices, resourceHeadcounts, resourceTitles } from '../db/schema.js';
import { consolidateResourceChoices } from '../operations/consolidate-resource-choices.js';

/** The seed's Grand Est figures (03/04/2018): licences ordered for the lycées 4.0, 5.66 a pupil. */
export const grandEstLicences = 189_697;
/** The pupils those licences were for: 189,697 / 5.66, the lycées of the first wave. */
export const grandEstWavePupils = Math.round(grandEstLicences / 5.66);

type Level = '2de' | '1re' | 'Tle';
/**
 * The catalogue: title, publisher, levels with the share of the level's pupils who take the title
 * (a common subject: all; a speciality or a second language: some), price per licence in euros,
 * through the GAR, digital version.
 */
const catalogue: [string, string, Partial<Record<Level, number>>, number, boolean, boolean][] = [
  ['Mathématiques 2de', 'Hachette Éducation', { '2de': 1 }, 9.5, true, true],
  ['Mathématiques spécialité 1re', 'Nathan', { '1re': 0.6 }, 9.5, true, true],
  ['Physique-chimie', 'Bordas', { '2de': 1, '1re': 0.45, Tle: 0.4 }, 8, true, true],
  ['SVT', 'Belin Éducation', { '2de': 1, '1re': 0.4, Tle: 0.35 }, 8, true, true],
  ['Histoire-géographie', 'Magnard', { '2de': 1, '1re': 1, Tle: 1 }, 7.5, true, true],
  ['Français', 'Le Robert', { '2de': 1, '1re': 1 }, 7, true, true],
  ['Anglais', 'Didier', { '2de': 1, '1re': 1, Tle: 1 }, 6.5, true, true],
  ['Allemand', 'Hatier', { '2de': 0.3, '1re': 0.3, Tle: 0.3 }, 6.5, false, true],
  ['Philosophie', 'Hatier', { Tle: 1 }, 7, true, true],
  ['Sciences économiques et sociales', 'Nathan', { '2de': 1, '1re': 0.35, Tle: 0.35 }, 8, true, true],
  ['Atlas géographique', 'Nathan', { '2de': 1 }, 14.9, false, false],
  ['Œuvres intégrales (lectures)', 'Folio', { '2de': 1, '1re': 1 }, 5.2, false, false],
];

/** A stable small number from a text (the same lycée declares the same pupils at every start). */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Pupils per level of a lycée of the wave: 150 to 349 in 2de, a little fewer each year after. */
function headcountsOf(uai: string): Record<Level, number> {
  const second = 150 + (hashOf(uai) % 200);
  return { '2de': second, '1re': Math.round(second * 0.92), Tle: Math.round(second * 0.86) };
}

/**
 * The lycées of the first wave (by UAI) and their head counts, until the wave's pupils are
 * reached (the last lycée takes what is left, so the total is the seed's).
 */
export function firstWave(uais: readonly string[], pupils = grandEstWavePupils): { uai: string; headcounts: Record<Level, number> }[] {
  const wave: { uai: string; headcounts: Record<Level, number> }[] = [];
  let left = pupils;
  for (const uai of uais) {
    if (left <= 0) break;
    const headcounts = headcountsOf(uai);
    const total = headcounts['2de'] + headcounts['1re'] + headcounts.Tle;
    if (total > left) {
      // the last lycée of the wave: its levels shrunk in proportion to what is left
      headcounts['2de'] = Math.round((headcounts['2de'] * left) / total);
      headcounts['1re'] = Math.round((headcounts['1re'] * left) / total);
      headcounts.Tle = left - headcounts['2de'] - headcounts['1re'];
    }
    left -= headcounts['2de'] + headcounts['1re'] + headcounts.Tle;
    wave.push({ uai, headcounts });
  }
  return wave;
}

/**
 * Licences per school, title and level: each level's pupils times the title's take-up, scaled
 * so the total is the seed's (never more licences than the level has pupils), the remainder
 * spread over the slots that still have room.
 */
export function waveQuantities<T extends { headcount: number; takeUp: number }>(slots: readonly T[], total = grandEstLicences): number[] {
  const natural = slots.reduce((sum, s) => sum + s.headcount * s.takeUp, 0);
  const factor = natural > 0 ? total / natural : 0;
  const quantities = slots.map((s) => Math.min(s.headcount, Math.floor(s.headcount * s.takeUp * factor)));
  let left = total - quantities.reduce((a, b) => a + b, 0);
  for (let pass = 0; left > 0 && pass < 1000; pass++) {
    let moved = false;
    for (let i = 0; i < quantities.length && left > 0; i++) {
      if (quantities[i] < slots[i].headcount) {
        quantities[i] += 1;
        left -= 1;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return quantities;
}

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
 * Grand Est's digital resources contract: the catalogue, the first wave of lycées 4.0 with the
 * pupils each declares per level and its choices (the seed's 189,697 licences for 33,515 pupils,
 * 5.66 a pupil), consolidated into the Région's draft orders to the holder, as Grand Est ordered
 * all of the schools' requests.
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
      catalogue.map(([title, publisher, takeUp, price, gar, isDigital]) => ({
        tenantId, contractId: contract.id, lotId: lot.id, priceItemId: isDigital ? items[digital.findIndex((d) => d[0] === title)].id : null,
        title, publisher, levels: Object.keys(takeUp), pricePerLicenceCents: eur(price), throughGar: gar, digital: isDigital,
      })),
    )
    .returning();

  const schools = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.departmentCode, grandEstDepartments)))
    .orderBy(asc(establishments.uai));
  if (!schools.length) return;
  // the first wave of lycées 4.0 declares its pupils per level; each orders every digital title for the pupils who take it
  const idOf = new Map(schools.map((s) => [s.uai, s.id]));
  const wave = firstWave(schools.map((s) => s.uai));
  await ctx.db.insert(resourceHeadcounts).values(
    wave.flatMap((w) => (Object.entries(w.headcounts) as [Level, number][]).filter(([, pupils]) => pupils > 0).map(([level, pupils]) => ({ tenantId, contractId: contract.id, establishmentId: idOf.get(w.uai)!, level, pupils, declaredBy: 'Établissement (démonstration)' }))),
  );
  const takeUpOf = new Map(catalogue.map(([title, , takeUp]) => [title, takeUp]));
  const slots = wave.flatMap((w) =>
    titles.filter((t) => t.digital).flatMap((t) => (Object.entries(takeUpOf.get(t.title)!) as [Level, number][]).map(([level, takeUp]) => ({ establishmentId: idOf.get(w.uai)!, titleId: t.id, level, takeUp, headcount: w.headcounts[level] }))),
  );
  const quantities = waveQuantities(slots);
  const rows = slots.map((s, i) => ({ tenantId, titleId: s.titleId, establishmentId: s.establishmentId, level: s.level, quantity: quantities[i], chosenBy: 'Établissement (démonstration)' })).filter((r) => r.quantity > 0);
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.insert(resourceChoices).values(rows.slice(i, i + 1000));
  // a paper-only title some schools buy from their reserves
  const atlas = titles.find((t) => !t.digital)!;
  await ctx.db.insert(resourceChoices).values(wave.slice(0, 40).map((w) => ({ tenantId, titleId: atlas.id, establishmentId: idOf.get(w.uai)!, level: '2de', quantity: w.headcounts['2de'], chosenBy: 'Établissement (démonstration)' })));

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
