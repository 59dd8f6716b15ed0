import { describe, expect, it } from 'vitest';
import { missingItems } from './missing.js';

describe('missingItems', () => {
  it('lists everything a new file lacks, and nothing once complete', () => {
    const empty = { pupilFirstName: null, pupilLastName: null, establishmentId: null, deviceCode: null, householdIncomeCents: null, taxNoticeDocumentId: null };
    expect(missingItems(empty).map((m) => m.path)).toEqual(['pupil', 'uai', 'device', 'householdIncomeCents', 'taxNotice']);
    expect(missingItems({ ...empty, pupilFirstName: 'Léa', pupilLastName: 'Roux', establishmentId: 'e', deviceCode: 'cao', householdIncomeCents: 0, taxNoticeDocumentId: 'd' })).toEqual([]);
  });
});
