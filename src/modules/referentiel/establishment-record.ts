import { z } from 'zod';

/** What an import or a form gives us about one establishment, before it is stored. */
export const establishmentRecordSchema = z.object({
  uai: z.string(),
  name: z.string().min(1),
  natureCode: z.string().nullable(),
  natureLabel: z.string().nullable(),
  sector: z.enum(['public', 'private']),
  contractType: z.string().nullable(),
  academyCode: z.string().nullable(),
  academyName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  pupils: z.number().int().nullable(),
  priorityEducation: z.enum(['REP', 'REP+']).nullable(),
  tracks: z.array(z.string()),
  isOpen: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type EstablishmentRecord = z.infer<typeof establishmentRecordSchema>;

/** Lower case without accents: what search compares (trigram index on it). */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
