import type { Ctx } from '../../../server/platform/context.js';
import { amendments, contracts, groupMembers, lots, priceItems, priceLists, purchasingGroups } from '../db/schema.js';

/** A Luhn-valid SIRET from its first twelve digits (demo holders are fictitious). */
export function demoSiret(first12: string): string {
  for (let key = 0; key < 100; key++) {
    const candidate = first12 + String(key).padStart(2, '0');
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let d = Number(c) * (i % 2 ? 2 : 1);
      if (d > 9) d -= 9;
      sum += d;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('SIRET de démonstration introuvable');
}

const eur = (euros: number) => Math.round(euros * 100);

/** The seed's broadband price list: symmetric fibre from 2 to 400 Mbit/s, set-up fee and monthly fee as two items. */
const broadbandItems: { mbps: number; setUp: number; monthly: number }[] = [
  { mbps: 2, setUp: 0, monthly: 250 },
  { mbps: 4, setUp: 0, monthly: 330 },
  { mbps: 10, setUp: 0, monthly: 600 },
  { mbps: 20, setUp: 0, monthly: 790 },
  { mbps: 50, setUp: 500, monthly: 1100 },
  { mbps: 100, setUp: 500, monthly: 1500 },
  { mbps: 200, setUp: 800, monthly: 2200 },
  { mbps: 400, setUp: 800, monthly: 3400 },
];

interface DemoLot { number: number; title: string; estimate?: number; awarded?: number; max?: number; months?: number }
interface DemoContract { reference: string; object: string; theme: string; kind: string; cpv: string; notifiedOn: string; startsOn: string; months: number; estimate: number; area: { departements: string[]; formerRegions: string[] }; lots: DemoLot[]; holder: string; groupId?: string | null; renewals?: { count: number; months: number } }

async function insertContract(ctx: Ctx, tenantId: string, buyerId: string, buyerSiret: string, c: DemoContract) {
  const holderSiret = demoSiret(`4${String(Math.abs([...c.reference].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7))).padStart(11, '0').slice(0, 11)}`);
  const [contract] = await ctx.db
    .insert(contracts)
    .values({
      tenantId, reference: c.reference, object: c.object, theme: c.theme, kind: c.kind, procedure: 'open-tender', cpvCode: c.cpv, buyerOrganizationId: buyerId, buyerSiret, groupId: c.groupId ?? null,
      holders: [{ siret: holderSiret, name: c.holder }], notifiedOn: c.notifiedOn, startsOn: c.startsOn, durationMonths: c.months, renewals: c.renewals ?? { count: 0, months: 0 },
      area: { unitIds: [], ...c.area }, estimateCents: eur(c.estimate), ccag: 'tic', priceForm: 'unit', status: 'notified',
    })
    .returning();
  const lotRows = c.lots.length
    ? await ctx.db
        .insert(lots)
        .values(c.lots.map((l) => ({ tenantId, contractId: contract.id, number: l.number, title: l.title, holderSiret, holderName: c.holder, durationMonths: l.months ?? null, estimateCents: l.estimate ? eur(l.estimate) : null, awardedCents: l.awarded ? eur(l.awarded) : null, maxAmountCents: l.max ? eur(l.max) : null })))
        .returning()
    : [];
  return { contract, lots: lotRows };
}

async function priceList(ctx: Ctx, tenantId: string, lotId: string, validFrom: string, items: { code: string; label: string; unit: string; price: number; recurrence: string; warranty?: number; cpv?: string }[]) {
  const [list] = await ctx.db.insert(priceLists).values({ tenantId, lotId, revision: 1, validFrom }).returning();
  await ctx.db.insert(priceItems).values(items.map((i) => ({ tenantId, lotId, priceListId: list.id, code: i.code, label: i.label, unit: i.unit, unitPriceExclTaxCents: eur(i.price), vatRateBp: 2000, recurrence: i.recurrence, warrantyMonths: i.warranty ?? null, cpvCode: i.cpv ?? null })));
}

/** Hauts-de-France: the broadband group of five partners, its contract and the ENT contract (seed 000). */
export async function seedHautsDeFranceMarches(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('hauts-de-france')!;
  const siret = demoSiret('200053623000');
  const [group] = await ctx.db
    .insert(purchasingGroups)
    .values({ tenantId, name: 'Groupement très haut débit Nord-Pas-de-Calais', coordinatorOrganizationId: tenantId, coordinatorSiret: siret, conventionTitle: 'Convention constitutive du groupement de commandes « très haut débit »', conventionSignedOn: '2015-06-15' })
    .returning();
  const members: [string, string][] = [['hauts-de-france', 'Chef de projet Région'], ['nord', 'Cheffe de projet Département du Nord'], ['pas-de-calais', 'Chef de projet Département du Pas-de-Calais'], ['ac-lille', 'DRANE de Lille'], ['draaf-hdf', 'Chef de projet DRAAF']];
  await ctx.db.insert(groupMembers).values(members.filter(([code]) => tenants.has(code)).map(([code, lead]) => ({ tenantId, groupId: group.id, organizationId: tenants.get(code)!, projectLeadName: lead, admittedOn: '2015-06-15' })));
  const zones = ['Métropole lilloise et Flandre', 'Hainaut et Cambrésis', 'Artois et Littoral', 'Audomarois et Boulonnais'];
  const broadband = await insertContract(ctx, tenantId, tenantId, siret, {
    reference: 'HDF-2016-THD', object: 'Accès internet très haut débit des sites des membres du groupement (environ 600 sites)', theme: 'Accès Internet', kind: 'framework-orders', cpv: '72400000-4',
    notifiedOn: '2016-03-01', startsOn: '2016-04-01', months: 48, renewals: { count: 0, months: 0 }, estimate: 10_000_000, area: { departements: ['59', '62'], formerRegions: ['Nord-Pas-de-Calais'] }, holder: 'Opérateur Très Haut Débit Nord SAS', groupId: group.id,
    lots: zones.map((title, i) => ({ number: i + 1, title: `Zone ${i + 1} : ${title}`, estimate: 2_500_000, awarded: 1_250_000, max: 3_000_000 })),
  });
  for (const lot of broadband.lots) {
    await priceList(ctx, tenantId, lot.id, '2016-04-01', broadbandItems.flatMap((p) => [
      { code: `FIB${p.mbps}-FAS`, label: `Fibre ${p.mbps} Mbit/s symétrique, frais de mise en service`, unit: 'site', price: p.setUp, recurrence: 'one-off', cpv: '72400000-4' },
      { code: `FIB${p.mbps}-ABO`, label: `Fibre ${p.mbps} Mbit/s symétrique, abonnement`, unit: 'site/mois', price: p.monthly, recurrence: 'monthly', cpv: '72411000-4' },
    ]));
  }
  await ctx.db.insert(amendments).values({ tenantId, contractId: broadband.contract.id, number: 1, signedOn: '2018-01-15', object: 'Intégration de la DIRECCTE au groupement', changes: [{ field: 'other', after: 'DIRECCTE' }], publishedAt: new Date('2018-01-20T09:00:00Z'), createdBy: tenantId });
  const ent = await insertContract(ctx, tenantId, tenantId, siret, {
    reference: 'HDF-2017-ENT', object: 'Espace numérique de travail des lycées', theme: 'ENT', kind: 'framework-orders', cpv: '48190000-6', notifiedOn: '2017-06-01', startsOn: '2017-09-01', months: 48, estimate: 12_000_000,
    area: { departements: ['59', '62', '02', '60', '80'], formerRegions: ['Nord-Pas-de-Calais', 'Picardie'] }, holder: 'Éditeur ENT SAS', groupId: group.id,
    lots: [{ number: 1, title: 'ENT des lycées, ouverture par vagues', estimate: 12_000_000, awarded: 7_000_000, max: 9_000_000 }],
  });
  await priceList(ctx, tenantId, ent.lots[0].id, '2017-09-01', [
    { code: 'ENT-OUV', label: 'Ouverture et première année de service, par site', unit: 'site', price: 4950, recurrence: 'one-off' },
    { code: 'ENT-AN', label: 'Année de service suivante, par site', unit: 'site/an', price: 990, recurrence: 'one-off' },
  ]);
}

/** Grand Est: the table of contracts by theme, duration and area (seed 001). */
export async function seedGrandEstMarches(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('grand-est')!;
  const siret = demoSiret('200052264000');
  const ge = { departements: [] as string[], formerRegions: ['Alsace', 'Champagne-Ardenne', 'Lorraine'] };
  const rows: DemoContract[] = [
    { reference: 'GE-2017-AMOA', object: 'Assistance à maîtrise d’ouvrage : cellule CARLA', theme: 'AMOA', kind: 'ordinary', cpv: '72224000-1', notifiedOn: '2017-01-10', startsOn: '2017-02-01', months: 48, estimate: 1_200_000, area: ge, holder: 'Conseil AMOA SAS', lots: [] },
    { reference: 'GE-2018-GUICHET', object: 'Guichet de maintenance des lycées', theme: 'Guichet de maintenance', kind: 'ordinary', cpv: '50312000-5', notifiedOn: '2018-01-15', startsOn: '2018-02-01', months: 48, estimate: 6_000_000, area: ge, holder: 'Maintenance Grand Est SAS', lots: [] },
    { reference: 'GE-2018-EQUIP', object: 'Accord-cadre d’équipements informatiques', theme: 'Equipements', kind: 'framework-orders', cpv: '30200000-1', notifiedOn: '2018-03-01', startsOn: '2018-04-01', months: 48, estimate: 40_000_000, area: { departements: ['67', '68'], formerRegions: ge.formerRegions }, holder: 'Intégrateur Est SAS',
      lots: [{ number: 1, title: 'Postes de travail', months: 12, max: 12_000_000 }, { number: 2, title: 'Portables et tablettes Windows', months: 12, max: 10_000_000 }, { number: 3, title: 'Serveurs', months: 12, max: 4_000_000 }, { number: 4, title: 'Tablettes et Chromebook', months: 12, max: 6_000_000 }] },
    { reference: 'GE-2018-VIDEO', object: 'Accord-cadre vidéo-projection et impression', theme: 'Equipements', kind: 'framework-orders', cpv: '38652100-1', notifiedOn: '2018-03-01', startsOn: '2018-04-01', months: 48, estimate: 8_000_000, area: ge, holder: 'Audiovisuel Est SAS', lots: [{ number: 1, title: 'Vidéo-projection', max: 5_000_000 }, { number: 2, title: 'Imprimantes', max: 3_000_000 }] },
    { reference: 'GE-2017-CABLAGE', object: 'Accord-cadre de câblage des lycées', theme: 'Câblage', kind: 'framework-orders', cpv: '45314300-4', notifiedOn: '2017-05-01', startsOn: '2017-06-01', months: 48, estimate: 24_000_000, area: ge, holder: 'Câblage Est SAS', lots: Array.from({ length: 12 }, (_, i) => ({ number: i + 1, title: `Câblage, secteur ${i + 1}`, max: 2_000_000 })) },
    { reference: 'GE-2014-IHDEAL', object: 'Accès internet IHDEAL', theme: 'Accès Internet', kind: 'ordinary', cpv: '72400000-4', notifiedOn: '2014-06-01', startsOn: '2014-07-01', months: 84, estimate: 5_000_000, area: { departements: ['67', '68'], formerRegions: ['Alsace'] }, holder: 'IHDEAL', lots: [] },
    { reference: 'GE-2017-ACCES-LOR', object: 'Accès internet des lycées lorrains', theme: 'Accès Internet', kind: 'ordinary', cpv: '72400000-4', notifiedOn: '2017-10-23', startsOn: '2017-10-23', months: 18, estimate: 1_500_000, area: { departements: [], formerRegions: ['Lorraine'] }, holder: 'SFR Completel', lots: [] },
    { reference: 'GE-TELEMUS', object: 'Accès internet TELEMUS', theme: 'Accès Internet', kind: 'framework-orders', cpv: '72400000-4', notifiedOn: '2016-09-01', startsOn: '2016-10-01', months: 48, estimate: 3_000_000, area: { departements: [], formerRegions: ['Champagne-Ardenne'] }, holder: 'TELEMUS', lots: [{ number: 1, title: 'TELEMUS lot 1' }, { number: 2, title: 'TELEMUS lot 2' }] },
    { reference: 'GE-2017-TEL', object: 'Évolution des systèmes téléphoniques', theme: 'Téléphonie', kind: 'framework-orders', cpv: '32552100-8', notifiedOn: '2017-12-21', startsOn: '2017-12-21', months: 48, estimate: 4_000_000, area: ge, holder: 'AXIANS / ENTELA', lots: [{ number: 1, title: 'Solution centralisée de communication : déploiement' }, { number: 2, title: 'Terminaux de communication et maintenance' }] },
  ];
  for (const row of rows) await insertContract(ctx, tenantId, tenantId, siret, row);
}
