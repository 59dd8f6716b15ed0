import { describe, expect, it } from 'vitest';
import { cpvCheckDigit, isValidCpv, isValidSiret } from './identifiers.js';

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
  it('checks the control digit of known codes', () => {
    for (const code of ['45000000-7', '30200000-1', '72000000-5', '48000000-8', '30213100-6', '32412000-4', '64200000-8', '50312000-5', '45314300-4', '32420000-3']) {
      expect(isValidCpv(code), code).toBe(true);
    }
    expect(cpvCheckDigit('30213000')).toBe(5);
  });
  it('refuses a wrong control digit or a bad shape', () => {
    expect(isValidCpv('45000000-8')).toBe(false);
    expect(isValidCpv('45000000')).toBe(false);
    expect(isValidCpv('4500000-7')).toBe(false);
  });
});
