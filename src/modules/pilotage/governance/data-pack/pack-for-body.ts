import type { BodyKind } from '../operations/body-input.js';
import { actionSection, agreementSection, fleetSection, serviceLevelSection, type PackContext } from './figures.js';
import { progressSection } from './progress.js';
import type { PackSection } from './sections.js';

type Provider = (p: PackContext, bodyId: string) => Promise<PackSection>;

/**
 * What each body needs: the project group follows its actions and the desk week by week; the
 * technical committee the progress to target, the service, the fleet and the agreements; the
 * steering committee the progress to target, the agreements and the service; the purchasing group the fleet it buys for.
 */
export const sectionsByBody: Record<BodyKind, Provider[]> = {
  'project-group': [actionSection, serviceLevelSection, fleetSection],
  'technical-committee': [progressSection, serviceLevelSection, fleetSection, agreementSection, actionSection],
  'steering-committee': [progressSection, agreementSection, serviceLevelSection, fleetSection, actionSection],
  'purchasing-group': [fleetSection, actionSection],
};

/** The period a body looks back on: a quarter for the weekly group, a year for the committees. */
export const lookBackDays: Record<BodyKind, number> = {
  'project-group': 90,
  'technical-committee': 182,
  'steering-committee': 365,
  'purchasing-group': 365,
};
