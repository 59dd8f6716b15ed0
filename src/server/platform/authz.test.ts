import { describe, expect, it } from 'vitest';
import { can, canOnEstablishment, establishmentScope, type Actor, type Assignment, type Role } from './authz.js';

function actor(role: Role, scope: Partial<Assignment> = {}, tokenAccess?: 'read' | 'write'): Actor {
  return {
    kind: tokenAccess ? 'token' : 'user',
    id: 'u1',
    label: 'Test',
    tenantId: 't1',
    tenantCode: 'region',
    tokenAccess,
    assignments: [
      { id: 'a1', role, organizationId: 'o1', organizationCode: 'region', establishmentId: null, unitIds: [], level: null, academyCode: null, ...scope },
    ],
  };
}
const school = { id: 'e1', unitId: 'unit-1', academyCode: '09' };

describe('permissions', () => {
  it('lets only the authority administrator change establishments and import', () => {
    expect(can(actor('authority-admin'), 'establishment.update')).toBe(true);
    expect(can(actor('authority-admin'), 'establishment.import')).toBe(true);
    for (const role of ['steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor'] as Role[]) {
      expect(can(actor(role), 'establishment.import')).toBe(false);
    }
  });

  it('keeps auditors and steering read-only', () => {
    for (const role of ['auditor', 'steering'] as Role[]) {
      expect(can(actor(role), 'establishment.read')).toBe(true);
      expect(can(actor(role), 'audit.read')).toBe(true);
      expect(can(actor(role), 'premises.manage')).toBe(false);
      expect(can(actor(role), 'user.manage')).toBe(false);
    }
  });

  it('narrows technicians to their units and staff to their school', () => {
    expect(canOnEstablishment(actor('technician', { unitIds: ['unit-1'] }), 'establishment.read', school)).toBe(true);
    expect(canOnEstablishment(actor('technician', { unitIds: ['unit-2'] }), 'establishment.read', school)).toBe(false);
    expect(canOnEstablishment(actor('establishment-staff', { establishmentId: 'e1' }), 'premises.manage', school)).toBe(true);
    expect(canOnEstablishment(actor('establishment-staff', { establishmentId: 'e2' }), 'establishment.read', school)).toBe(false);
  });

  it('gives an académie its own académie’s schools and a contractor only what is assigned', () => {
    expect(canOnEstablishment(actor('academy-staff', { academyCode: '09' }), 'establishment.read', school)).toBe(true);
    expect(canOnEstablishment(actor('academy-staff', { academyCode: '20' }), 'establishment.read', school)).toBe(false);
    expect(establishmentScope(actor('contractor'), 'establishment.read')).toEqual({ all: false, unitIds: [], establishmentIds: [], academyCodes: [] });
  });

  it('refuses writes to read-only API tokens', () => {
    expect(can(actor('authority-admin', {}, 'read'), 'establishment.read')).toBe(true);
    expect(can(actor('authority-admin', {}, 'read'), 'establishment.update')).toBe(false);
    expect(can(actor('authority-admin', {}, 'write'), 'establishment.update')).toBe(true);
  });

  it('refuses everything to nobody', () => {
    expect(can(null, 'establishment.read')).toBe(false);
  });
});
