import { z } from 'zod';

export const targetProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  establishmentKind: z.string(),
  minPupils: z.number().nullable(),
  maxPupils: z.number().nullable(),
  versions: z.array(
    z.object({ id: z.string(), number: z.number(), indicators: z.array(z.object({ code: z.string(), target: z.number() })), frozen: z.boolean(), version: z.number() }),
  ),
});
export const targetProfilesSchema = z.object({ items: z.array(targetProfileSchema) });
