import { insertFamilyAidCampaign } from '../../modules/campagnes/family-aid/testing.js';
import type { TestApp } from '../app.js';

/** The family aid's records for the matrix: one published campaign of A, made once per world. */
const made = new WeakMap<TestApp, ReturnType<typeof insertFamilyAidCampaign>>();

export function familyAidCampaign(t: TestApp) {
  let campaign = made.get(t);
  if (!campaign) {
    campaign = insertFamilyAidCampaign(t, { code: 'matrice-aide' });
    made.set(t, campaign);
  }
  return campaign;
}
