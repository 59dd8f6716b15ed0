import { z } from 'zod';

export const roomKinds = ['classroom', 'workshop', 'lab', 'cdi', 'boarding', 'office', 'other'] as const;
export const roomKindLabels: Record<(typeof roomKinds)[number], string> = {
  classroom: 'Salle de classe',
  workshop: 'Atelier',
  lab: 'Laboratoire',
  cdi: 'CDI',
  boarding: 'Internat',
  office: 'Bureau',
  other: 'Autre',
};

export const buildingInput = z.object({ name: z.string().trim().min(1).max(120) });
export const roomInput = z.object({
  buildingId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(roomKinds),
  floor: z.string().trim().max(20).nullable().optional(),
});
export const versionInput = z.object({ version: z.coerce.number().int().min(1) });
