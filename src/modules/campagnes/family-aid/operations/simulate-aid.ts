import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { AidRuleError, maxInstalments, simulateAid } from '../rules/aid.js';
import { deviceOf, publicFamilyAidCampaign } from '../campaign-settings.js';

export const aidSimulationParams = z.object({
  authority: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(100),
});

export const aidSimulationInput = z.object({
  device: z.string().trim().min(1, 'Choisissez un équipement.').max(40),
  householdIncomeCents: z.number().int('Le revenu s’exprime en centimes entiers.').min(0, 'Le revenu fiscal de référence ne peut pas être négatif.').max(1e12),
  instalments: z
    .number()
    .int('Le nombre d’échéances est un entier.')
    .min(1, `Le nombre d’échéances doit être compris entre 1 et ${maxInstalments}.`)
    .max(maxInstalments, `Le nombre d’échéances doit être compris entre 1 et ${maxInstalments}.`),
  insurance: z.boolean().default(false),
});

export const aidSimulationResult = z.object({
  priceCents: z.number().int(),
  aidCents: z.number().int(),
  familyCents: z.number().int(),
  insuranceCents: z.number().int(),
  schedule: z.array(z.object({ dueDate: z.string(), amountCents: z.number().int() })),
});

/** What a family would get and pay, before applying and without an account. */
export async function simulateFamilyAid(ctx: Ctx, params: z.infer<typeof aidSimulationParams>, input: z.infer<typeof aidSimulationInput>) {
  const campaign = await publicFamilyAidCampaign(ctx.db, params.authority, params.code);
  const device = deviceOf(campaign, input.device);
  try {
    const sim = simulateAid({ priceCents: device.priceCents, householdIncomeCents: input.householdIncomeCents, instalments: input.instalments, insurance: input.insurance, now: ctx.now() });
    return { priceCents: sim.priceCents, aidCents: sim.aidCents, familyCents: sim.familyCents, insuranceCents: sim.insuranceCents, schedule: sim.schedule };
  } catch (error) {
    if (error instanceof AidRuleError) throw new AppError('VALIDATION', error.message);
    throw error;
  }
}
