import { describe, expect, it } from 'vitest';
import { isValidCpv, isValidSiret } from './identifiers.js';

describe('SIRET', () => {
  it('accepts Luhn-valid numbers and refuses the others', () => {
    expect(isValidSiret('73282932000074')).toBe(true); // INSEE's own example
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
  });
  it('accepts La Poste establishments whose digits sum to a multiple of 5', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office, Luhn-valid
    expect(isValidSiret('35600000049837')).toBe(true); // a post office: 3+5+6+4+9+8+3+7 = 45
    expect(isValidSiret('35600000049838')).toBe(false);
  });
});

describe('CPV', () => {
  it('accepts codes of the 2008 vocabulary, including those whose control digit breaks the published rule', () => {
    for (const code of ['45000000-7', '30200000-1', '72400000-4', '03300000-2', '30213100-6', '32412000-4']) expect(isValidCpv(code), code).toBe(true);
  });
  it('refuses a code without its control digit or of another shape', () => {
    for (const code of ['45000000', '4500000-7', '45000000-77', '00000000-0', 'ABCDEFGH-1', ' 45000000-7']) expect(isValidCpv(code), code).toBe(false);
  });
});
