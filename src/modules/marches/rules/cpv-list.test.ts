import { describe, expect, it } from 'vitest';
import { isListedCpv } from './cpv-list.js';

describe('CPV 2008 list', () => {
  it('knows the official codes with their published check digit, even those no algorithm reproduces', () => {
    for (const code of ['72400000-4', '03300000-2', '48190000-6', '30200000-1', '45314300-4', '32552100-8', ' 72224000-1 ']) expect(isListedCpv(code), code).toBe(true);
  });
  it('refuses a wrong check digit, an unknown code and anything else', () => {
    for (const code of ['72400000-5', '72400001-4', '99999999-9', '72400000', '', '72400000-4\n03300000-2']) expect(isListedCpv(code), code).toBe(false);
  });
});
