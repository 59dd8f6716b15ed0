import { z } from 'zod';
import { decisionKinds } from '../../../shared/marches.js';
import { siret } from './contract.input.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');

export const memberInput = z.object({
  organizationId: z.uuid(),
  projectLeadName: z.string().trim().min(2).max(200),
  projectLeadEmail: z.email().max(320).nullable().default(null),
  projectLeadUserId: z.uuid().nullable().default(null),
});

export const createGroupInput = z.object({
  name: z.string().trim().min(3).max(200),
  coordinatorOrganizationId: z.uuid(),
  coordinatorSiret: siret,
  conventionTitle: z.string().trim().min(3).max(300),
  conventionSignedOn: day.nullable().default(null),
  conventionDocuments: z.array(z.object({ name: z.string().trim().min(1).max(300), url: z.url().max(2000).optional() })).max(50).default([]),
  /** The founding members (the coordinator among them); later ones are admitted by a unanimous decision. */
  members: z.array(memberInput).min(1).max(100),
});

export const proposeDecisionInput = z.object({
  kind: z.enum(decisionKinds),
  title: z.string().trim().min(3).max(300),
  details: z.string().trim().max(5000).default(''),
  /** For « admit a member »: who joins when the decision is adopted. */
  admit: memberInput.optional(),
  organizationId: z.uuid().optional().describe('Le membre au nom duquel on propose, pour qui en représente plusieurs'),
});

export const voteInput = z.object({
  vote: z.enum(['approve', 'reject']),
  organizationId: z.uuid().optional().describe('Le membre pour lequel on vote, pour qui en représente plusieurs'),
  version: z.number().int().min(1),
});

export const projectLeadInput = memberInput.omit({ organizationId: true });
export const groupIdParams = z.object({ id: z.uuid() });
export const memberParams = z.object({ id: z.uuid(), organizationId: z.uuid() });
export const decisionParams = z.object({ id: z.uuid(), decisionId: z.uuid() });
