import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { DemoSeed } from '../../../server/platform/module.js';
import { establishments, territorialUnits } from '../db/schema.js';
import { createOrganization } from '../operations/create-organization.js';
import { createTerritorialUnit } from '../operations/create-territorial-unit.js';
import { establishmentsChanged } from '../operations/find-establishments-cached.js';
import { importEstablishments } from '../operations/import-establishments.js';
import type { OrganizationKind } from '../organization-kinds.js';
import { collegesFile, lyceesFile } from './demo-files.js';
import { seedLyceeRooms } from './seed-lycee-rooms.js';
import { seedRennesMetropole } from './seed-rennes-metropole.js';

const authorities: [string, OrganizationKind, string][] = [
  ['hauts-de-france', 'region', 'Région Hauts-de-France'],
  ['nord', 'departement', 'Département du Nord'],
  ['pas-de-calais', 'departement', 'Département du Pas-de-Calais'],
  ['grand-est', 'region', 'Région Grand Est'],
];
const hdfFamily = ['hauts-de-france', 'nord', 'pas-de-calais'];
/** The académie de Lille: Nord and Pas-de-Calais. */
const academieDeLille = ['59', '62'];
/** Grand Est's agencies by académie (Reims, Nancy-Metz, Strasbourg), each with its départements. */
const grandEstAgencies: [string, string, [string, string][]][] = [
  ['AG-REIMS', 'Agence de Reims', [['08', 'Ardennes'], ['10', 'Aube'], ['51', 'Marne'], ['52', 'Haute-Marne']]],
  ['AG-NANCY-METZ', 'Agence de Nancy-Metz', [['54', 'Meurthe-et-Moselle'], ['55', 'Meuse'], ['57', 'Moselle'], ['88', 'Vosges']]],
  ['AG-STRASBOURG', 'Agence de Strasbourg', [['67', 'Bas-Rhin'], ['68', 'Haut-Rhin']]],
];
const grandEstDepartments = grandEstAgencies.flatMap(([, , departments]) => departments.map(([code]) => code));

/** What the référentiel's demo leaves for the modules after it (DemoSeed.shared). */
export interface ReferentielDemo {
  /** The six support sectors of Hauts-de-France, west to east. */
  sectors: string[];
  /** The first lycée (by name) of the first zone of sector 1: the demo's referent works there. */
  firstLycee: string;
}
export const referentielDemoKey = 'referentiel';

/** The authorities, their partners, their schools from the national files, and the Région's sectors. */
export async function seedReferentielDemo(seed: DemoSeed): Promise<void> {
  const { ctx, database, tenants } = seed;
  for (const [code, kind, name] of authorities) tenants.set(code, (await createOrganization(ctx, { code, kind, name })).tenantId);
  tenants.set('ac-lille', (await createOrganization(ctx, { code: 'ac-lille', kind: 'academie', name: 'Académie de Lille', academyCode: '09', partnerOf: hdfFamily })).tenantId);
  tenants.set('draaf-hdf', (await createOrganization(ctx, { code: 'draaf-hdf', kind: 'draaf', name: 'DRAAF Hauts-de-France', partnerOf: hdfFamily })).tenantId);
  // Grand Est's co-reviewers of the Lycée 4.0 calls: its three académies and the DRAAF
  for (const [code, name, academyCode] of [['ac-reims', 'Académie de Reims', '19'], ['ac-nancy-metz', 'Académie de Nancy-Metz', '12'], ['ac-strasbourg', 'Académie de Strasbourg', '15']])
    tenants.set(code, (await createOrganization(ctx, { code, kind: 'academie', name, academyCode, partnerOf: ['grand-est'] })).tenantId);
  tenants.set('draaf-grand-est', (await createOrganization(ctx, { code: 'draaf-grand-est', kind: 'draaf', name: 'DRAAF Grand Est', partnerOf: ['grand-est'] })).tenantId);
  tenants.set('prestataire-demo', (await createOrganization(ctx, { code: 'prestataire-demo', kind: 'contractor', name: 'Maintenance Démo SAS', partnerOf: hdfFamily })).tenantId);

  const load = (tenant: string, bytes: Uint8Array, filename: string) =>
    importEstablishments(ctx, { tenantId: tenants.get(tenant)!, bytes, filename, mode: 'apply-valid' });
  // by département code, never by label: the open data spells the region « Gra Est » on some rows
  const lille = lyceesFile((l) => academieDeLille.includes(l.codeDept ?? ''));
  await load('hauts-de-france', lille.bytes, 'lycees-academie-de-lille.json');
  await load('nord', collegesFile(['059']), 'colleges-nord.csv');
  await load('pas-de-calais', collegesFile(['062']), 'colleges-pas-de-calais.csv');
  await load('grand-est', lyceesFile((l) => grandEstDepartments.includes(l.codeDept ?? '')).bytes, 'lycees-grand-est.json');
  const hdf = tenants.get('hauts-de-france')!;
  // the lycées' premises, so Wi-Fi coverage (and the PPI's Wi-Fi works) has rooms to count
  await seedLyceeRooms(ctx, hdf, lille.rows);
  const sectors = await createSupportSectors(ctx, hdf);
  await createDepartmentUnits(ctx, tenants.get('grand-est')!, grandEstAgencies);
  await seedRennesMetropole(seed);
  // schools moved into sectors: a server already running must not keep the unit filter's old totals and pages
  establishmentsChanged(ctx);
  const demo: ReferentielDemo = { sectors, firstLycee: await firstLyceeOfSector1(ctx, hdf) };
  seed.shared.set(referentielDemoKey, demo);
}

/** Six UTIL sectors of about 30 lycées (3 per département, west to east), zones of 4 lycées. */
async function createSupportSectors(ctx: Ctx, tenantId: string): Promise<string[]> {
  const lycees = await ctx.db
    .select({ id: establishments.id, dept: establishments.departmentCode, lng: establishments.longitude })
    .from(establishments)
    .where(eq(establishments.tenantId, tenantId));
  const sectorIds: string[] = [];
  for (const [dept, label] of [['59', 'Nord'], ['62', 'Pas-de-Calais']] as const) {
    const agency = await createTerritorialUnit(ctx, { tenantId, code: `AG-${dept}`, name: `Agence ${label}`, kind: 'agency' });
    const mine = lycees.filter((l) => l.dept === dept).sort((a, b) => (a.lng ?? 0) - (b.lng ?? 0));
    const size = Math.ceil(mine.length / 3);
    for (let s = 0; s < 3; s++) {
      const number = sectorIds.length + 1;
      const sector = await createTerritorialUnit(ctx, { tenantId, code: `S${number}`, name: `Secteur ${number} (${label})`, kind: 'sector', parentId: agency.id });
      sectorIds.push(sector.id);
      const members = mine.slice(s * size, (s + 1) * size);
      for (let z = 0; z * 4 < members.length; z++) {
        const zone = await createTerritorialUnit(ctx, { tenantId, code: `S${number}-Z${z + 1}`, name: `Zone ${z + 1} du secteur ${number}`, kind: 'zone', parentId: sector.id });
        const chunk = members.slice(z * 4, z * 4 + 4).map((m) => m.id);
        await ctx.db
          .update(establishments)
          .set({ unitId: zone.id })
          .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.id, chunk)));
      }
    }
  }
  return sectorIds;
}

/** An agency per académie and a sector per département; each lycée in its département's sector (one update each). */
async function createDepartmentUnits(ctx: Ctx, tenantId: string, agencies: typeof grandEstAgencies) {
  for (const [code, name, departments] of agencies) {
    const agency = await createTerritorialUnit(ctx, { tenantId, code, name, kind: 'agency' });
    for (const [department, label] of departments) {
      const sector = await createTerritorialUnit(ctx, { tenantId, code: `S-${department}`, name: `Secteur ${label}`, kind: 'sector', parentId: agency.id });
      await ctx.db
        .update(establishments)
        .set({ unitId: sector.id })
        .where(and(eq(establishments.tenantId, tenantId), eq(establishments.departmentCode, department)));
    }
  }
}

async function firstLyceeOfSector1(ctx: Ctx, tenantId: string): Promise<string> {
  const [first] = await ctx.db
    .select({ id: establishments.id })
    .from(establishments)
    .innerJoin(territorialUnits, and(eq(territorialUnits.tenantId, establishments.tenantId), eq(territorialUnits.id, establishments.unitId)))
    .where(and(eq(establishments.tenantId, tenantId), eq(territorialUnits.code, 'S1-Z1')))
    .orderBy(establishments.name)
    .limit(1);
  return first.id;
}
