import { z } from 'zod';
import { channels, ticketTypes } from '../../../shared/desk.js';

/*
 * What POST /api/tickets accepts, in its own file: the web's ticket form validates with this very
 * schema, so it imports zod and src/shared only (no server code in the browser bundle).
 */
const level = z.number().int().min(1, 'De 1 (très bas) à 5 (très haut).').max(5, 'De 1 (très bas) à 5 (très haut).');
export const createTicketInput = z.object({
  uai: z.string().trim().min(1, 'Choisissez l’établissement.').max(20),
  title: z.string().trim().min(3, 'Donnez un titre d’au moins 3 caractères.').max(200, 'Au plus 200 caractères.'),
  description: z.string().trim().min(1, 'Décrivez le problème ou la demande.').max(20_000, 'Au plus 20 000 caractères.'),
  type: z.enum(ticketTypes),
  urgency: level,
  impact: level,
  /** Without one, the ticket goes to triage under the default agreement. */
  category: z.string().trim().min(1).max(63).nullable().optional(),
  roomId: z.uuid().nullable().optional(),
  assetIds: z.array(z.uuid()).max(20).default([]),
  /** web by default; phone or onsite for the hotline and level 0; a token always opens through the API. */
  channel: z.enum(channels).optional(),
  /** When the call was taken, for a call logged later: in the past, at most 30 days ago. */
  openedAt: z.iso.datetime({ offset: true, message: 'Date et heure ISO 8601 avec fuseau attendues (2026-03-06T16:00:00+01:00).' }).optional(),
  /** Someone else than the caller (the hotline logs calls): a person of the tenant, or a name and a contact. */
  requester: z
    .object({
      userId: z.uuid().optional(),
      name: z.string().trim().min(1).max(200).optional(),
      contact: z.string().trim().max(200).optional(),
    })
    .optional(),
  /** false: only the requester and the school's heads see it (not the other teachers). */
  schoolVisible: z.boolean().default(true),
  /** An incident that stops a school: priority "major" whatever the matrix says (desk only). */
  major: z.boolean().default(false),
});
export type CreateTicketInput = z.input<typeof createTicketInput>;
