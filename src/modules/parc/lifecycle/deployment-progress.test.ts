import { describe, expect, it } from 'vitest';
import { advances, batchProgress, type BatchCounts } from './deployment-progress.js';

const deliveredAt = new Date('2026-09-01T08:00:00Z');
const batch = (steps: Partial<BatchCounts['steps']>, onTime = 0, expectedCount = 60): BatchCounts => ({
  expectedCount,
  deliveredAt,
  deadlineHours: 48,
  steps: { delivered: 0, installed: 0, imaged: 0, 'in-service': 0, ...steps },
  onTime,
});
const at = (hours: number) => new Date(deliveredAt.getTime() + hours * 3_600_000);

describe('batchProgress', () => {
  it('counts the hours left while the 48 hours run', () => {
    const p = batchProgress(batch({ delivered: 20, installed: 30, imaged: 10 }), at(30));
    expect(p).toMatchObject({ registered: 60, inService: 0, remaining: 60, late: false, hoursLeft: 18, hoursLate: null, complete: false });
    expect(p.deadlineAt.toISOString()).toBe('2026-09-03T08:00:00.000Z');
  });

  it('makes a site late past 48 hours with devices not in service, expected ones not yet registered included', () => {
    expect(batchProgress(batch({ imaged: 2, 'in-service': 50 }, 50), at(60.25))).toMatchObject({ late: true, hoursLate: 12.3, remaining: 10, hoursLeft: null });
    expect(batchProgress(batch({ 'in-service': 50 }, 50), at(49)).late).toBe(true);
  });

  it('is complete, and never late, once every expected device is in service', () => {
    const p = batchProgress(batch({ 'in-service': 60 }, 45), at(500));
    expect(p).toMatchObject({ complete: true, late: false, hoursLate: null, hoursLeft: null, onTimeShare: 0.75 });
  });

  it('only moves steps forward', () => {
    expect(advances('delivered', 'imaged')).toBe(true);
    expect(advances('in-service', 'imaged')).toBe(false);
    expect(advances('imaged', 'imaged')).toBe(false);
  });
});
