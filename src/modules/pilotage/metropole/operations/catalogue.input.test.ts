import { describe, expect, it } from 'vitest';
import { createCycleInput, createServiceInput, membershipInput, subscriptionsInput, updateServiceInput } from './catalogue.input.js';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
// zod's own words are English ("Invalid input: expected number, received NaN", "Too big: …")
const english = /\binvalid\b|\bexpected\b|\breceived\b|\btoo (big|small)\b|\brequired\b/i;

describe('the Métropole catalogue forms’ words', () => {
  it('says in French which amount is missing when the form sends an empty one (NaN)', () => {
    const result = createServiceInput.safeParse({ code: 'wifi', name: 'Wi-Fi', ticketCategories: ['wifi'], resolveWithinTarget: Number.NaN, costPerDeviceCents: Number.NaN, costPerPupilCents: Number.NaN });
    expect(messages(result)).toEqual({
      resolveWithinTarget: 'Indiquez le niveau promis (en %).',
      costPerDeviceCents: 'Indiquez le coût par équipement en euros (0 si le service ne le facture pas).',
      costPerPupilCents: 'Indiquez le coût par élève en euros (0 si le service ne le facture pas).',
    });
  });

  it('gives every field of every form a French message, whatever is wrong with it', () => {
    const wrongTypes = [
      createServiceInput.safeParse({ code: 1, name: 2, ticketCategories: 'x', resolveWithinTarget: '1', costPerDeviceCents: null, costPerPupilCents: undefined }),
      createServiceInput.safeParse({ code: 'wifi', name: 'x'.repeat(121), ticketCategories: Array.from({ length: 11 }, () => 'y'.repeat(61)), resolveWithinTarget: 2, costPerDeviceCents: -1, costPerPupilCents: 1e12 }),
      updateServiceInput.safeParse({ name: ' ', ticketCategories: [' '], resolveWithinTarget: -1, costPerDeviceCents: 1.5, costPerPupilCents: 0, version: 'v' }),
      createCycleInput.safeParse({ year: Number.NaN, label: 'x'.repeat(121) }),
      createCycleInput.safeParse({ year: 2027.5, label: undefined }),
      membershipInput.safeParse({ inseeCode: 1, cycleId: 'x', status: 'maybe', costSplit: 'x' }),
      subscriptionsInput.safeParse({ serviceIds: Array.from({ length: 21 }, () => 'x') }),
      subscriptionsInput.safeParse({ serviceIds: 'x' }),
    ];
    for (const result of wrongTypes) {
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) expect(issue.message, `${issue.path.join('.')} : ${issue.message}`).not.toMatch(english);
    }
    expect(messages(wrongTypes[3]!)).toMatchObject({ year: 'Indiquez l’année du cycle (par exemple 2027).', label: 'Libellé trop long (au plus 120 caractères).' });
  });
});
