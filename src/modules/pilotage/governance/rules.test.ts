import { describe, expect, it } from 'vitest';
import { decisionOutcome, isOverdue } from './rules.js';

describe('decisionOutcome', () => {
  const present = ['a', 'b', 'c'];
  it('adopts under unanimity only when every member present votes for', () => {
    const all = present.map((memberId) => ({ memberId, choice: 'for' as const }));
    expect(decisionOutcome(present, all, true)).toBe('adopted');
    expect(decisionOutcome(present, [...all.slice(0, 2), { memberId: 'c', choice: 'abstain' }], true)).toBe('rejected');
    expect(decisionOutcome(present, all.slice(0, 2), true)).toBe('rejected');
    expect(decisionOutcome([], [], true)).toBe('rejected');
  });
  it('adopts by majority otherwise, abstentions not counted', () => {
    expect(decisionOutcome(present, [{ memberId: 'a', choice: 'for' }, { memberId: 'b', choice: 'abstain' }, { memberId: 'c', choice: 'abstain' }], false)).toBe('adopted');
    expect(decisionOutcome(present, [{ memberId: 'a', choice: 'for' }, { memberId: 'b', choice: 'against' }], false)).toBe('rejected');
  });
});

describe('isOverdue', () => {
  it('is overdue the day after its due day in Paris, never once done', () => {
    // 23:30 UTC on 14 March is already 15 March in Paris
    const now = new Date('2026-03-14T23:30:00Z');
    expect(isOverdue({ dueOn: '2026-03-14', doneOn: null }, now)).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-15', doneOn: null }, now)).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-01', doneOn: '2026-03-02' }, now)).toBe(false);
  });
});
