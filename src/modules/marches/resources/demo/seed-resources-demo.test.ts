import { describe, expect, it } from 'vitest';
import { firstWave, grandEstLicences, grandEstWavePupils, waveQuantities } from './seed-resources-demo.js';

describe('Grand Est’s first wave of digital licences (seed 001)', () => {
  const uais = Array.from({ length: 301 }, (_, i) => `06${String(7000 + i).padStart(5, '0')}A`);

  it('takes lycées in order until the wave’s 33,515 pupils, each with a plausible head count per level', () => {
    const wave = firstWave(uais);
    const pupils = wave.reduce((sum, w) => sum + w.headcounts['2de'] + w.headcounts['1re'] + w.headcounts.Tle, 0);
    expect(pupils).toBe(grandEstWavePupils);
    expect(grandEstWavePupils).toBe(33_515);
    expect(wave.length).toBeGreaterThan(30);
    expect(wave.length).toBeLessThan(80);
    expect(wave.slice(0, -1).every((w) => w.headcounts['2de'] >= 150 && w.headcounts['2de'] < 350)).toBe(true);
    expect(wave.every((w) => Object.values(w.headcounts).every((n) => n >= 0))).toBe(true);
    expect(firstWave(uais)).toEqual(wave);
  });

  it('spreads a total over the slots, never more than a level’s pupils even when the take-up must grow; the seed’s 5.66 a pupil', () => {
    const slots = firstWave(uais).flatMap((w) => [
      { headcount: w.headcounts['2de'], takeUp: 1 },
      { headcount: w.headcounts['2de'], takeUp: 1 },
      { headcount: w.headcounts['1re'], takeUp: 0.6 },
      { headcount: w.headcounts['1re'], takeUp: 1 },
      { headcount: w.headcounts.Tle, takeUp: 1 },
      { headcount: w.headcounts.Tle, takeUp: 0.35 },
    ]);
    const quantities = waveQuantities(slots, 60_000);
    expect(quantities.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(quantities.every((q, i) => q >= 0 && q <= slots[i].headcount)).toBe(true);
    expect(Math.round((grandEstLicences / grandEstWavePupils) * 100) / 100).toBe(5.66);
  });
});
