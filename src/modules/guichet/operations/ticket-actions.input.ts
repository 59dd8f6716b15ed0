import { z } from 'zod';

/** The ticket page's actions, schema-only: the routes parse with them and the web's panels validate with them. */

const version = z.number().int().min(1);
/** Free text said to be too short in words the panel can show as they are. */
const text = (min: number, max: number, tooShort: string) => z.string().trim().min(min, tooShort).max(max);
const reason = 'Indiquez le motif (3 caractères au moins).';

export const changeTicketStatusInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('assign'),
    version,
    /** Another team (any active team of the tenant: the dispatcher overrides routing). */
    teamId: z.uuid().optional(),
    /** A person of the desk; without team nor person, the caller takes the ticket. */
    assigneeId: z.uuid().optional(),
  }),
  z.object({ action: z.literal('plan'), version, plannedFor: z.iso.datetime({ offset: true, message: 'Indiquez la date et l’heure de l’intervention.' }) }),
  z.object({ action: z.literal('start'), version }),
  z.object({
    action: z.literal('wait'),
    version,
    on: z.enum(['requester', 'third-party']),
    /** Waiting on the requester: the question, posted as a public follow-up. On a third party: a private note. */
    message: text(3, 5000, reason),
  }),
  z.object({ action: z.literal('solve'), version, solution: text(3, 20_000, 'Décrivez la solution (3 caractères au moins).') }),
  z.object({ action: z.literal('close'), version }),
  z.object({ action: z.literal('reopen'), version, reason: text(3, 5000, reason) }),
]);
export type ChangeTicketStatusInput = z.infer<typeof changeTicketStatusInput>;

export const addFollowupInput = z.object({
  body: z.string().trim().min(1, 'Écrivez le suivi avant de l’ajouter.').max(20_000),
  /** Private: for the desk only, never shown to a requester on any route or export. */
  isPrivate: z.boolean().default(false),
});
export type AddFollowupInput = z.input<typeof addFollowupInput>;

export const escalateTicketInput = z.object({
  version: z.number().int().min(1),
  direction: z.enum(['up', 'down']),
  /** The level wanted; by default the next one in that direction that has a team. */
  level: z.number().int().min(0).max(3).optional(),
  reason: z.string().trim().min(3, 'Indiquez le motif (3 caractères au moins).').max(2000),
});
export type EscalateTicketInput = z.infer<typeof escalateTicketInput>;

export const setProblemFlagInput = z.object({
  version: z.number().int().min(1),
  flagged: z.boolean(),
  reason: z.string().trim().min(3, 'Indiquez le motif (3 caractères au moins).').max(2000),
});
export type SetProblemFlagInput = z.infer<typeof setProblemFlagInput>;
