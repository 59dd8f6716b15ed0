import { describe, expect, it } from 'vitest';
import { frenchDate, frenchDateTime, plural, rateOrDash } from './french.js';

describe('French typography', () => {
  it('writes plurals as French does (0 and 1 singular)', () => {
    expect(plural(1, 'ticket résolu', 'tickets résolus')).toBe('1 ticket résolu');
    expect(plural(0, 'ticket résolu', 'tickets résolus')).toBe('0 ticket résolu');
    expect(plural(1234, 'ticket', 'tickets')).toBe('1\u202f234 tickets');
  });

  it('writes dates in Paris with « 1er »', () => {
    expect(frenchDate('2020-01-01T00:00:00Z')).toBe('1er janvier 2020');
    expect(frenchDateTime('2020-01-01T00:00:00Z')).toBe('1er janvier 2020 à 01:00');
    expect(frenchDate('2020-07-14T23:30:00Z')).toBe('15 juillet 2020');
  });

  it('shows « — » for a rate with nothing due', () => {
    expect(rateOrDash(0, 0)).toBe('—');
    expect(rateOrDash(1, 3)).toBe('33 %');
  });
});
