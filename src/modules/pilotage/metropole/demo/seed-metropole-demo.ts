import { sql } from 'drizzle-orm';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { rows } from '../../../../server/platform/db.js';
import { textArray } from '../../../../server/platform/prepared.js';
import { assignRole, createUser } from '../../../access/index.js';
import { seedGuichetDemo, seedTicketHistory } from '../../../guichet/index.js';
import { seedParcDemo } from '../../../parc/index.js';
import { rennesMetropoleDemoKey, type RennesMetropoleDemo } from '../../../referentiel/index.js';
import { catalogueServices, communeMemberships, joiningCycles, subscriptions } from '../db/schema.js';

/**
 * Rennes Métropole's pooling, after Bordeaux Métropole's (seeds/004): a catalogue of five services
 * with their levels and unit costs, three yearly cycles in which communes joined « à la carte »,
 * one commune that refused, the desk and the fleet of the écoles (the guichet's and the parc's
 * own demo functions) with a year of tickets, and an account for two communes.
 */
const cycles: [number, string][] = [
  [2022, 'Cycle 1 (2022)'],
  [2023, 'Cycle 2 (2023)'],
  [2024, 'Cycle 3 (2024)'],
];
/** Commune code → cycle year, cost split, services taken (codes), or refused. */
const answers: [string, number, 'devices' | 'pupils', string[] | 'refused'][] = [
  ['ville-de-rennes', 2022, 'pupils', ['workstation-maintenance', 'assistance', 'wifi', 'ent', 'interactive-displays']],
  ['cesson-sevigne', 2022, 'devices', ['workstation-maintenance', 'assistance', 'wifi']],
  ['saint-jacques-de-la-lande', 2022, 'pupils', ['workstation-maintenance', 'ent']],
  ['bruz', 2022, 'devices', ['workstation-maintenance', 'assistance', 'interactive-displays']],
  ['betton', 2023, 'pupils', ['ent', 'assistance']],
  ['chantepie', 2023, 'devices', ['workstation-maintenance', 'wifi']],
  ['pace', 2023, 'pupils', ['workstation-maintenance', 'assistance', 'ent']],
  ['le-rheu', 2023, 'devices', ['wifi', 'interactive-displays']],
  ['mordelles', 2024, 'pupils', ['ent']],
  ['vern-sur-seiche', 2024, 'devices', ['workstation-maintenance', 'assistance']],
  ['saint-gregoire', 2024, 'pupils', ['workstation-maintenance', 'wifi', 'ent']],
  ['thorigne-fouillard', 2024, 'pupils', 'refused'],
];

const catalogue = [
  { code: 'workstation-maintenance', name: 'Maintenance des postes et des classes mobiles', ticketCategories: ['devices'], resolveWithinTarget: 0.9, costPerDeviceCents: 4500, costPerPupilCents: 900 },
  { code: 'assistance', name: 'Assistance aux utilisateurs (guichet unique)', ticketCategories: ['digital-resources', 'pedagogical-software', 'security'], resolveWithinTarget: 0.85, costPerDeviceCents: 1500, costPerPupilCents: 350 },
  { code: 'wifi', name: 'Wi-Fi et réseau des écoles', ticketCategories: ['infrastructure'], resolveWithinTarget: 0.8, costPerDeviceCents: 2000, costPerPupilCents: 400 },
  { code: 'ent', name: 'ENT des écoles', ticketCategories: ['ent'], resolveWithinTarget: 0.95, costPerDeviceCents: 800, costPerPupilCents: 250 },
  { code: 'interactive-displays', name: 'Écrans numériques interactifs', ticketCategories: ['devices'], resolveWithinTarget: 0.85, costPerDeviceCents: 3000, costPerPupilCents: 500 },
];

/** The commune accounts of the demo (README): each sees its own commune only. */
export const communeAccounts: [code: string, displayName: string][] = [
  ['cesson-sevigne', 'Service éducation de Cesson-Sévigné'],
  ['bruz', 'Service éducation de Bruz'],
];

export async function seedMetropoleDemo(seed: DemoSeed) {
  const { ctx, database } = seed;
  const rm = seed.shared.get(rennesMetropoleDemoKey) as RennesMetropoleDemo | undefined;
  if (!rm) throw new Error('La démo de la Métropole suit celle du référentiel.');
  const tenantId = seed.tenants.get(rm.tenantCode)!;
  await seedGuichetDemo(ctx, tenantId);
  await seedParcDemo(ctx, { tenantId, tenantCode: rm.tenantCode, password: seed.password, funder: 'Rennes Métropole' });

  const cycleRows = await ctx.db.insert(joiningCycles).values(cycles.map(([year, label]) => ({ tenantId, year, label }))).returning();
  const services = await ctx.db.insert(catalogueServices).values(catalogue.map((s) => ({ ...s, tenantId }))).returning();
  const communeOf = new Map(rm.communes.map((c) => [c.code, c]));
  for (const [code, year, costSplit, taken] of answers) {
    const commune = communeOf.get(code)!;
    const cycle = cycleRows.find((c) => c.year === year)!;
    await ctx.db.insert(communeMemberships).values({
      tenantId, communeId: commune.organizationId, inseeCode: commune.insee, cycleId: cycle.id,
      status: taken === 'refused' ? 'refused' : 'joined', costSplit, decidedAt: new Date(`${year - 1}-12-15T10:00:00Z`),
    });
    if (taken === 'refused') continue;
    await ctx.db.insert(subscriptions).values(taken.map((c) => ({ tenantId, communeId: commune.organizationId, serviceId: services.find((s) => s.code === c)!.id, cycleId: cycle.id })));
  }

  const joinedCodes = answers.filter(([, , , taken]) => taken !== 'refused').map(([code]) => communeOf.get(code)!.insee);
  const schools = await rows<{ id: string }>(ctx.db, sql`select id::text from referentiel.establishments_view where tenant_id = ${tenantId} and commune_code = any(${textArray(joinedCodes)})`);
  const to = ctx.now();
  await seedTicketHistory(ctx, { tenantId, establishmentIds: schools.map((s) => s.id), perSchool: 8, from: new Date(to.getTime() - 330 * 24 * 3600 * 1000), to, lateShare: 0.12 });

  const admin = await createUser(ctx, { tenantId, email: 'authority-admin.rennes-metropole@demo.coherence.fr', displayName: 'Admin Rennes Métropole', password: seed.password });
  await assignRole(ctx, { tenantId, userId: admin.id, organizationId: tenantId, role: 'authority-admin', unitIds: [] });
  for (const [code, displayName] of communeAccounts) {
    const commune = communeOf.get(code)!;
    const user = await createUser(ctx, { tenantId: commune.organizationId, email: `steering.${code}@demo.coherence.fr`, displayName, password: seed.password });
    await assignRole(ctx, { tenantId, userId: user.id, organizationId: commune.organizationId, role: 'steering', unitIds: [commune.unitId] });
  }
}
