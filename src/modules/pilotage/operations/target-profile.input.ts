import { z } from 'zod';
import { indicatorCodes } from '../indicators/catalogue.input.js';

export const profileIndicatorsInput = z
  .array(z.object({ code: z.enum(indicatorCodes), target: z.number().finite().min(0).max(100_000) }))
  .min(1, 'Au moins un indicateur.')
  .max(indicatorCodes.length)
  .refine((list) => new Set(list.map((i) => i.code)).size === list.length, 'Un indicateur figure deux fois.');

export const createTargetProfileInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    establishmentKind: z.enum(['lycee', 'college', 'ecole']),
    minPupils: z.number().int().min(0).nullable().default(null),
    maxPupils: z.number().int().min(0).nullable().default(null),
    indicators: profileIndicatorsInput,
  })
  .refine((p) => p.minPupils === null || p.maxPupils === null || p.minPupils <= p.maxPupils, { message: 'La borne basse dépasse la borne haute.', path: ['minPupils'] });

export const updateProfileVersionInput = z.object({ version: z.number().int().min(1), indicators: profileIndicatorsInput });
export const profileVersionParams = z.object({ id: z.string().uuid(), number: z.coerce.number().int().min(1) });
export const profileParams = z.object({ id: z.string().uuid() });
