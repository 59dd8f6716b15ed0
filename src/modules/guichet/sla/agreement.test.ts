import { describe, expect, it } from 'vitest';
import {
  DEMO_CALENDAR_ID,
  demoAgreement,
  parseServiceAgreement,
  serviceAgreementSchema,
  slaTargetSchema,
  targetFor,
  warnThresholdMinutes,
} from './agreement.js';
import { always, versionAt } from './timeline.js';

const target = { timeToOwnMinutes: 60, timeToResolveMinutes: 240, warnAtRatio: 0.75, calendarId: DEMO_CALENDAR_ID };
const issues = (input: unknown) => {
  const result = slaTargetSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('service agreement', () => {
  it('gives the demo targets: medium 4 h / 16 h for every category', () => {
    for (const category of ['poste-de-travail', 'reseau', 'n-importe-quoi']) {
      expect(targetFor(demoAgreement, category, 3)).toMatchObject({ timeToOwnMinutes: 240, timeToResolveMinutes: 960, calendarId: DEMO_CALENDAR_ID });
    }
    const pairs = ([1, 2, 3, 4, 5, 6] as const).map((p) => {
      const t = targetFor(demoAgreement, 'x', p);
      return [t.timeToOwnMinutes, t.timeToResolveMinutes];
    });
    expect(pairs).toEqual([
      [960, 4800],
      [480, 2400],
      [240, 960],
      [120, 480],
      [60, 240],
      [30, 240],
    ]);
    expect(demoAgreement.pauseOnThirdParty).toBe(false);
  });

  it('lets a category override some priorities and fall back for the others', () => {
    const agreement = parseServiceAgreement({ ...demoAgreement, categories: { reseau: { '5': target } } });
    expect(targetFor(agreement, 'reseau', 5)).toEqual(target);
    expect(targetFor(agreement, 'reseau', 3).timeToOwnMinutes).toBe(240);
    expect(targetFor(agreement, 'poste', 5).timeToOwnMinutes).toBe(60);
  });

  it('computes the warning threshold from a ratio or from minutes before', () => {
    expect(warnThresholdMinutes(target, 'own')).toBe(45);
    expect(warnThresholdMinutes(target, 'resolve')).toBe(180);
    const before = { ...target, warnAtRatio: undefined, warnBeforeMinutes: 15 };
    expect(warnThresholdMinutes(before, 'own')).toBe(45);
    expect(warnThresholdMinutes(before, 'resolve')).toBe(225);
  });

  it('refuses incoherent targets with French messages', () => {
    expect(issues(target)).toEqual([]);
    expect(issues({ ...target, warnBeforeMinutes: 10 })[0]).toContain('pas les deux');
    expect(issues({ ...target, warnAtRatio: undefined })[0]).toContain('pas les deux');
    expect(issues({ ...target, warnAtRatio: undefined, warnBeforeMinutes: 60 })).toEqual([
      "Le délai d'alerte doit être plus court que le délai de prise en charge.",
    ]);
    expect(issues({ ...target, timeToOwnMinutes: 300 })).toEqual(['Le délai de prise en charge ne peut dépasser le délai de résolution.']);
    expect(issues({ ...target, timeToOwnMinutes: 0 })).toHaveLength(1);
    expect(issues({ ...target, warnAtRatio: 1 })).toHaveLength(1);
  });

  it('needs targets for all six priorities', () => {
    const { '6': _major, ...fivePriorities } = demoAgreement.targets;
    expect(serviceAgreementSchema.safeParse({ ...demoAgreement, targets: fivePriorities }).success).toBe(false);
  });
});

describe('timelines of versions', () => {
  it('returns the version in force at an instant', () => {
    const timeline = [
      { from: '2026-01-01T00:00:00+01:00', value: 'v1' },
      { from: '2026-06-01T00:00:00+02:00', value: 'v2' },
    ];
    expect(versionAt(timeline, Date.parse('2025-12-31T22:59:59Z'))).toBeUndefined();
    expect(versionAt(timeline, Date.parse('2025-12-31T23:00:00Z'))).toBe('v1');
    expect(versionAt(timeline, Date.parse('2026-05-31T22:00:00Z'))).toBe('v2');
    expect(versionAt([...timeline].reverse(), Date.parse('2026-07-01T00:00:00Z'))).toBe('v2');
    expect(versionAt(always('x'), Date.parse('2026-07-01T00:00:00Z'))).toBe('x');
  });
});
