import { z } from 'zod';

export const bodyKinds = ['project-group', 'technical-committee', 'steering-committee', 'purchasing-group'] as const;
export type BodyKind = (typeof bodyKinds)[number];
export const bodyKindLabels: Record<BodyKind, string> = {
  'project-group': 'Groupe projet',
  'technical-committee': 'Comité technique',
  'steering-committee': 'Comité de pilotage',
  'purchasing-group': "Groupement d'achat",
};
export const cadences = ['weekly', 'half-yearly', 'yearly', 'as-needed'] as const;

export const memberInput = z.object({
  name: z.string().trim().min(2, 'Nom trop court').max(120),
  title: z.string().trim().min(2, 'Fonction trop courte').max(120),
  organizationId: z.string().uuid("Identifiant d'organisation invalide"),
  userId: z.string().uuid('Identifiant de personne invalide').nullable().default(null),
});
export type MemberInput = z.input<typeof memberInput>;

export const createBodyInput = z.object({
  kind: z.enum(bodyKinds, { message: "Type d'instance inconnu" }),
  name: z.string().trim().min(3, 'Nom trop court').max(160),
  cadence: z.enum(cadences, { message: 'Périodicité inconnue' }),
  unanimity: z.boolean().default(false),
  members: z.array(memberInput).max(60).default([]),
});
export type CreateBodyInput = z.input<typeof createBodyInput>;

const version = z.number().int('Version invalide').positive('Version invalide').max(2_147_483_647, 'Version invalide');

/** A body's own fields (its members change one by one), with the version read. */
export const updateBodyInput = createBodyInput.omit({ members: true }).extend({ version });
export type UpdateBodyInput = z.input<typeof updateBodyInput>;

export const updateMemberInput = memberInput.extend({ version });
export type UpdateMemberInput = z.input<typeof updateMemberInput>;
export const removeMemberQuery = z.object({ version: z.coerce.number().int('Version invalide').positive('Version invalide').max(2_147_483_647, 'Version invalide') });
