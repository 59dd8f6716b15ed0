import { z } from 'zod';

export const updateDeskSettingsInput = z.object({
  /** The version read, 0 while the desk was never configured. */
  version: z.number().int().min(0),
  /** The agreement of tickets whose category has none of its own (and of tickets in triage). */
  defaultAgreementId: z.string().trim().min(1).max(100).optional(),
  /** A device failing this many times … */
  problemThreshold: z.number().int().min(2, 'Au moins 2 pannes.').max(100).optional(),
  /** … within this many days is flagged as a problem to investigate. */
  problemWindowDays: z.number().int().min(1, 'Au moins 1 jour.').max(365, 'Au plus 365 jours.').optional(),
});
export type UpdateDeskSettingsInput = z.output<typeof updateDeskSettingsInput>;
