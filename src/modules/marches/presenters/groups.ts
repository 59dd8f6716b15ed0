import { z } from 'zod';
import type { Actor } from '../../../server/platform/authz.js';
import { assignmentsFor } from '../contract-access.js';
import type { getGroup } from '../operations/get-group.js';

export const groupSummarySchema = z.object({ id: z.string(), name: z.string(), coordinatorOrganizationId: z.string(), coordinatorName: z.string(), conventionTitle: z.string() });

export const groupDetailSchema = groupSummarySchema.extend({
  coordinatorSiret: z.string(),
  conventionSignedOn: z.string().nullable(),
  conventionDocuments: z.array(z.object({ name: z.string(), url: z.string().optional(), uploadId: z.string().optional() })),
  members: z.array(z.object({ organizationId: z.string(), name: z.string(), projectLeadName: z.string(), projectLeadEmail: z.string().nullable(), admittedOn: z.string(), coordinator: z.boolean() })),
  decisions: z.array(
    z.object({
      id: z.string(), kind: z.string(), title: z.string(), details: z.string(), status: z.string(), proposedAt: z.string(), closedAt: z.string().nullable(), version: z.number(),
      admitOrganizationName: z.string().nullable(),
      votes: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), vote: z.string(), votedBy: z.string(), votedAt: z.string() })),
    }),
  ),
  /** The member organizations the actor votes for (empty: it does not vote). */
  votesFor: z.array(z.object({ organizationId: z.string(), name: z.string() })),
  can: z.object({ manage: z.boolean(), vote: z.boolean() }),
});

export function presentGroupDetail(d: Awaited<ReturnType<typeof getGroup>>, actor: Actor): z.infer<typeof groupDetailSchema> {
  const { group, names } = d;
  const memberIds = d.members.map((m) => m.organizationId);
  const voters = [...new Set(assignmentsFor(actor, 'group.vote').map((a) => a.organizationId))].filter((id) => memberIds.includes(id));
  const manage = assignmentsFor(actor, 'group.manage').some((a) => a.organizationId === actor.tenantId || a.organizationId === group.coordinatorOrganizationId);
  return {
    id: group.id, name: group.name, coordinatorOrganizationId: group.coordinatorOrganizationId, coordinatorName: names.get(group.coordinatorOrganizationId) ?? '',
    conventionTitle: group.conventionTitle, coordinatorSiret: group.coordinatorSiret, conventionSignedOn: group.conventionSignedOn, conventionDocuments: group.conventionDocuments,
    members: d.members.map((m) => ({ organizationId: m.organizationId, name: names.get(m.organizationId) ?? '', projectLeadName: m.projectLeadName, projectLeadEmail: m.projectLeadEmail, admittedOn: m.admittedOn, coordinator: m.organizationId === group.coordinatorOrganizationId })),
    decisions: d.decisions.map((dec) => ({
      id: dec.id, kind: dec.kind, title: dec.title, details: dec.details, status: dec.status, proposedAt: dec.proposedAt.toISOString(), closedAt: dec.closedAt?.toISOString() ?? null, version: dec.version,
      admitOrganizationName: dec.admit ? (names.get(dec.admit.organizationId) ?? '') : null,
      votes: d.votes.filter((v) => v.decisionId === dec.id).map((v) => ({ organizationId: v.organizationId, organizationName: names.get(v.organizationId) ?? '', vote: v.vote, votedBy: v.votedBy, votedAt: v.votedAt.toISOString() })),
    })),
    votesFor: voters.map((id) => ({ organizationId: id, name: names.get(id) ?? '' })),
    can: { manage, vote: voters.length > 0 },
  };
}
