export type Vote = 'approve' | 'reject';
export type DecisionStatus = 'proposed' | 'adopted' | 'rejected';

/**
 * The group's rule: a decision is adopted when every member approved it, rejected as soon as one
 * member votes against; otherwise it waits. Votes of organizations no longer members do not count.
 */
export function tally(memberIds: readonly string[], votes: readonly { organizationId: string; vote: Vote }[]): DecisionStatus {
  const members = new Set(memberIds);
  const counted = votes.filter((v) => members.has(v.organizationId));
  if (counted.some((v) => v.vote === 'reject')) return 'rejected';
  const approving = new Set(counted.filter((v) => v.vote === 'approve').map((v) => v.organizationId));
  return members.size > 0 && approving.size === members.size ? 'adopted' : 'proposed';
}
