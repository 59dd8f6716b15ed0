import type { BodyKind } from '../operations/body.input.js';
import { actionSection, agreementSection, fleetSection, serviceLevelSection, type PackContext } from './figures.js';
import { ppiExecutionSection, spendingSection } from './ppi-sections.js';
import { progressSection } from './progress.js';
import type { PackSection } from './sections.js';

type Provider = (p: PackContext, bodyId: string) => Promise<PackSection>;

/**
 * What each body needs: the project group follows its actions and the desk week by week; the
 * technical committee the progress to target, the PPI's execution and spending, the service, the fleet
 * and the agreements; the steering committee the same, agreements first; the purchasing group the
 * fleet it buys for and what was ordered.
 */
export const sectionsByBody: Record<BodyKind, Provider[]> = {
  'project-group': [actionSection, serviceLevelSection, fleetSection],
  'technical-committee': [progressSection, ppiExecutionSection, spendingSection, serviceLevelSection, fleetSection, agreementSection, actionSection],
  'steering-committee': [progressSection, ppiExecutionSection, spendingSection, agreementSection, serviceLevelSection, fleetSection, actionSection],
  'purchasing-group': [fleetSection, spendingSection, actionSection],
};

/** The period a body looks back on: a quarter for the weekly group, a year for the committees. */
export const lookBackDays: Record<BodyKind, number> = {
  'project-group': 90,
  'technical-committee': 182,
  'steering-committee': 365,
  'purchasing-group': 365,
};
