import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format AAAA-MM-JJ');

export const createMeetingInput = z.object({
  bodyId: z.string().uuid("Identifiant d'instance invalide"),
  heldOn: day,
  place: z.string().trim().min(2, 'Lieu trop court').max(160),
  agenda: z.array(z.string().trim().min(2, "Point de l'ordre du jour trop court").max(300)).min(1, "L'ordre du jour a au moins un point").max(30),
});
export type CreateMeetingInput = z.input<typeof createMeetingInput>;

export const updateMeetingInput = z.object({
  version: z.number().int().positive(),
  attendance: z.array(z.string().uuid('Identifiant de membre invalide')).max(60).optional(),
  minutes: z.string().max(20000, 'Compte rendu trop long').optional(),
  agenda: createMeetingInput.shape.agenda.optional(),
});
export type UpdateMeetingInput = z.input<typeof updateMeetingInput>;

export const decisionInput = z.object({ title: z.string().trim().min(3, 'Intitulé trop court').max(300) });
export const voteInput = z.object({
  memberId: z.string().uuid('Identifiant de membre invalide'),
  choice: z.enum(['for', 'against', 'abstain'], { message: 'Vote « pour », « contre » ou « abstention »' }),
});
export type VoteInput = z.input<typeof voteInput>;

export const followUpInput = z.object({
  title: z.string().trim().min(3, 'Intitulé trop court').max(300),
  ownerMemberId: z.string().uuid('Identifiant de membre invalide'),
  dueOn: day,
});
export type FollowUpInput = z.input<typeof followUpInput>;
