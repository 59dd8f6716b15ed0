import { DateTime } from 'luxon';

export type Choice = 'for' | 'against' | 'abstain';

/**
 * A decision's outcome once the vote is closed. Under unanimity every member present must vote
 * for (an abstention or a missing vote breaks it); otherwise more « pour » than « contre ».
 */
export function decisionOutcome(present: readonly string[], votes: readonly { memberId: string; choice: Choice }[], unanimity: boolean): 'adopted' | 'rejected' {
  if (unanimity) {
    const forIds = new Set(votes.filter((v) => v.choice === 'for').map((v) => v.memberId));
    return present.length > 0 && present.every((id) => forIds.has(id)) ? 'adopted' : 'rejected';
  }
  const pour = votes.filter((v) => v.choice === 'for').length;
  const contre = votes.filter((v) => v.choice === 'against').length;
  return pour > contre ? 'adopted' : 'rejected';
}

/** Today in Paris, as AAAA-MM-JJ: due dates are days of the French calendar. */
export function parisDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).toISODate()!;
}

/** An action is overdue once its due day has passed in Paris and it is not done. */
export function isOverdue(action: { dueOn: string; doneOn: string | null }, now: Date): boolean {
  return action.doneOn === null && action.dueOn < parisDay(now);
}
