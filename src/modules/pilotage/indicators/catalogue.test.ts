import { describe, expect, it } from 'vitest';
import { compare, devicesPer100Pupils, isYoungerThan, pupilsPerDevice, shareOf, symmetricMbps } from './catalogue.input.js';

describe('steering indicators at their edges', () => {
  it('counts a device bought exactly five years ago today as not under five years', () => {
    expect(isYoungerThan('2021-12-06', 5, '2026-12-06')).toBe(false);
    expect(isYoungerThan('2021-12-07', 5, '2026-12-06')).toBe(true);
    expect(isYoungerThan('2021-12-05', 5, '2026-12-06')).toBe(false);
  });

  it('gives 4.0 pupils per device and 25 per 100 pupils for 600 pupils and 150 devices', () => {
    expect(pupilsPerDevice(600, 150)).toBe(4);
    expect(devicesPer100Pupils(600, 150)).toBe(25);
    expect(compare('pupils_per_device', 4, 4)).toEqual({ code: 'pupils_per_device', value: 4, target: 4, met: true, gap: 0 });
    expect(compare('pupils_per_device', 5, 4)).toMatchObject({ met: false, gap: 1 });
  });

  it('meets « at least 100 symmetric » with 100/100 and not with 1000/50', () => {
    expect(compare('internet_symmetric', symmetricMbps(100, 100), 100)).toMatchObject({ value: 100, met: true, gap: 0 });
    expect(compare('internet_symmetric', symmetricMbps(1000, 50), 100)).toMatchObject({ value: 50, met: false, gap: 50 });
  });

  it('calls an indicator without data unknown, never met', () => {
    expect(compare('internet_down_mbps', symmetricMbps(null, 100), 100)).toEqual({ code: 'internet_down_mbps', value: null, target: 100, met: null, gap: null });
    expect(pupilsPerDevice(null, 10)).toBeNull();
    expect(pupilsPerDevice(600, 0)).toBeNull();
    expect(devicesPer100Pupils(0, 10)).toBeNull();
    expect(shareOf(0, 0)).toBeNull();
    expect(compare('wifi_teaching_rooms_share', shareOf(3, 4), 1)).toMatchObject({ value: 0.75, met: false, gap: 0.25 });
  });
});
