import { z } from 'zod';
import type { Scenario } from '../operations/ppi-store.js';
import type { ScenarioSummary } from '../operations/read-ppi.js';

export const scenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  startYear: z.number(),
  yearCount: z.number(),
  yearlyCeilingsCents: z.array(z.number()),
  status: z.string(),
  votedAt: z.string().nullable(),
  baselineId: z.string().nullable(),
  version: z.number(),
});

export const presentScenario = (s: Scenario): z.infer<typeof scenarioSchema> => ({
  id: s.id,
  name: s.name,
  startYear: s.startYear,
  yearCount: s.yearCount,
  yearlyCeilingsCents: s.yearlyCeilingsCents,
  status: s.status,
  votedAt: s.votedAt?.toISOString() ?? null,
  baselineId: s.baselineId,
  version: s.version,
});

export const comparisonSchema = z.object({
  items: z.array(
    z.object({
      scenario: scenarioSchema,
      years: z.array(z.object({ year: z.number(), ceilingCents: z.number(), costCents: z.number(), schoolsCompleted: z.number() })),
      schoolsWithWorks: z.number(),
      totalCostCents: z.number(),
      unscheduledCostCents: z.number(),
      equity: z.array(z.object({ group: z.string(), label: z.string(), schools: z.number(), costShare: z.number().nullable(), completedShare: z.number().nullable() })),
      financing: z.array(z.object({ source: z.string(), partnerName: z.string().nullable(), amountCents: z.number() })),
    }),
  ),
});

export const presentComparison = (items: ScenarioSummary[]): z.infer<typeof comparisonSchema> => ({
  items: items.map((s) => ({ scenario: presentScenario(s.scenario), ...s.figures, financing: s.financing })),
});

export const operationsSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      uai: z.string(),
      name: z.string(),
      kind: z.string(),
      indicatorCode: z.string(),
      quantity: z.number(),
      unitCostCents: z.number(),
      costCents: z.number(),
      costSource: z.string(),
      costBasis: z.string().nullable(),
      priority: z.number(),
      year: z.number().nullable(),
      financedCents: z.number(),
      financing: z.array(z.object({ source: z.string(), partnerName: z.string().nullable(), amountCents: z.number() })),
      version: z.number(),
    }),
  ),
});
