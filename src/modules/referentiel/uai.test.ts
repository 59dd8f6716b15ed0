import { describe, expect, it } from 'vitest';
import { checkUai, uaiCheckLetter } from './uai.js';

describe('UAI check letter', () => {
  it('accepts real UAIs from the national directory', () => {
    for (const uai of ['0071168G', '0350122T', '0010010F', '0020014E']) {
      const result = checkUai(uai);
      if (result.ok) expect(result.uai).toBe(uai);
      else expect.fail(`${uai}: ${result.message}`);
    }
  });

  it('computes the letter as the remainder of the number by 23', () => {
    expect(uaiCheckLetter('0071168')).toBe('G');
    expect(uaiCheckLetter('0000000')).toBe('A');
    expect(uaiCheckLetter('0000022')).toBe('Z');
    expect(uaiCheckLetter('12345')).toBeNull();
  });

  it('says which letter was expected when the letter is wrong', () => {
    const result = checkUai('0071168H');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('la lettre de contrôle attendue est « G »');
  });

  it('normalises case and spaces, and refuses malformed values', () => {
    expect(checkUai(' 0071168g ')).toEqual({ ok: true, uai: '0071168G' });
    for (const bad of ['', '007116G', '0071168GG', "1'; drop table x;--", '<b>0071168G</b>']) {
      expect(checkUai(bad).ok).toBe(false);
    }
  });
});
