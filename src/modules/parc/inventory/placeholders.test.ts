import { describe, expect, it } from 'vitest';
import { cleanSerial, cleanUuid, cleanVendorText } from './placeholders.js';

describe('placeholders', () => {
  it('drops serials that firmware writes when the manufacturer set none', () => {
    for (const placeholder of ['To be filled by O.E.M.', 'TO BE FILLED BY OEM', 'Default string', 'System Serial Number', '0', 'None', '  ', '00000000', 'xxxxxxxxxx', '123456789', 'Not Specified', 'N/A']) {
      expect(cleanSerial(placeholder), placeholder).toBeNull();
    }
    expect(cleanSerial(' CZC0479792 ')).toBe('CZC0479792');
    expect(cleanSerial('VMware-56 4d 12 34 56 78 9a bc-de f0 12 34 56 78 9a bc')).toBe('VMware-56 4d 12 34 56 78 9a bc-de f0 12 34 56 78 9a bc');
  });

  it('drops bogus UUIDs and lower-cases real ones', () => {
    for (const bogus of ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '03000200-0400-0500-0006-000700080009', 'Not Settable', '']) {
      expect(cleanUuid(bogus), bogus).toBeNull();
    }
    expect(cleanUuid('{4C4C4544-0034-3010-8048-B6C04F503732}')).toBe('4c4c4544-0034-3010-8048-b6c04f503732');
    expect(cleanUuid('00000000-0000-1000-8000-0017F2D11432')).toBe('00000000-0000-1000-8000-0017f2d11432'); // a Mac's, derived from its MAC
  });

  it('drops placeholder manufacturers and models', () => {
    expect(cleanVendorText('System manufacturer')).toBeNull();
    expect(cleanVendorText('To Be Filled By O.E.M.')).toBeNull();
    expect(cleanVendorText('  Dell   Inc. ')).toBe('Dell Inc.');
  });
});
