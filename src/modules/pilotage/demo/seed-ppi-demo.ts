import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { lotIdByReference } from '../../marches/index.js';
import { ppiOperations } from '../db/schema.js';
import { refreshEstablishmentContext } from '../context/refresh-context.js';
import { createPpiScenario } from '../operations/create-ppi-scenario.js';
import { setCostReference } from '../operations/cost-references.js';
import { splitScenarioFinancing } from '../operations/edit-ppi-operation.js';
import { votePpiScenario } from '../operations/vote-ppi-scenario.js';

/** Communes of the académie de Lille's lycées the demo counts as rural (small towns of the density grid's rural classes). */
const ruralCommunes = ['Fruges', 'Bavay', 'Bapaume', 'Lumbres', 'Marquise', 'Solesmes', 'Wormhout', 'Guines', 'Avesnes-sur-Helpe', 'Le Quesnoy', 'Hesdin', 'Aire-sur-la-Lys', 'Fourmies', 'Trélon'];

const eur = (euros: number) => euros * 100;

/**
 * Hauts-de-France's PPI (seed 000): about 8 MEUR a year of works over five years, FEDER bringing
 * 8 MEUR over the plan, an EIB loan (under 1 % over 25 years) and the Région's own budget for the
 * rest. Two scenarios (the voted one at 8 MEUR a year, a tighter one at 6 MEUR), the first voted.
 */
export async function seedPpiDemo(ctx: Ctx, tenantId: string, tenantCode: string): Promise<void> {
  const actor: Actor = {
    kind: 'user',
    id: '00000000-0000-4000-8000-000000000000',
    label: 'Démonstration',
    tenantId,
    tenantCode,
    assignments: [{ id: 'demo', role: 'authority-admin', organizationId: tenantId, organizationCode: tenantCode, establishmentId: null, unitIds: [], level: null, academyCode: null }],
  };
  const as = { ...ctx, actor };
  await refreshEstablishmentContext(as, { ruralCommunes });
  // a link raised to 100 Mbit/s is priced by the broadband contract's set-up fee (zone 1), as the group orders it
  const zone1 = await lotIdByReference(ctx.db, tenantId, 'HDF-2016-THD', 1);
  if (zone1) await setCostReference(as, 'link_upgrade', { label: 'Montée en débit (forfait travaux)', unitCostCents: eur(4000), lotId: zone1, priceItemCode: 'FIB100-FAS' });
  await setCostReference(as, 'renew_pcs', { label: 'Poste de travail pédagogique (marché d’équipement)', unitCostCents: eur(720), lotId: null, priceItemCode: null });
  await setCostReference(as, 'add_devices', { label: 'Portable élève (marché d’équipement)', unitCostCents: eur(650), lotId: null, priceItemCode: null });
  const years = 5;
  const plan = await createPpiScenario(as, { name: 'PPI numérique 2027-2031 (8 M€ par an)', startYear: 2027, yearCount: years, yearlyCeilingsCents: Array(years).fill(eur(8_000_000)), baselineId: null });
  await createPpiScenario(as, { name: 'Variante resserrée (6 M€ par an)', startYear: 2027, yearCount: years, yearlyCeilingsCents: Array(years).fill(eur(6_000_000)), baselineId: null });
  // FEDER brings 8 MEUR over the plan, whatever its total; the EIB loan 30 %; the Région's own budget the rest
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`coalesce(sum(${ppiOperations.costCents}), 0)::float8` })
    .from(ppiOperations)
    .where(and(eq(ppiOperations.tenantId, tenantId), eq(ppiOperations.scenarioId, plan.id)));
  const feder = total ? Math.min(60, (eur(8_000_000) / total) * 100) : 20;
  await splitScenarioFinancing(as, plan.id, {
    shares: [
      { source: 'own', partnerName: null, percent: 100 - 30 - feder },
      { source: 'feder', partnerName: null, percent: feder },
      { source: 'eib', partnerName: 'Prêt BEI, taux inférieur à 1 % sur 25 ans', percent: 30 },
    ],
  });
  await votePpiScenario(as, plan.id);
}
