import { describe, expect, it } from 'vitest';
import type { CategoryRow, SupportTeamRow } from './db/schema.js';
import type { DeskConfig, DeskOrganization, DeskUnit } from './desk-config.js';
import { entryLevel, responsibleOrganization, routeTicket, routeToLevel, unitChain } from './routing.js';

const tenant = 'region';
const lille = 'ac-lille';
const amiens = 'ac-amiens';
const contractor = 'presta';

function team(id: string, level: number, extra: Partial<SupportTeamRow> = {}): SupportTeamRow {
  return {
    tenantId: tenant,
    id,
    name: id,
    level,
    organizationId: tenant,
    unitIds: [],
    categories: [],
    warrantyHolders: [],
    triage: false,
    active: true,
    version: 1,
    createdAt: new Date(0),
    ...extra,
  };
}

function category(key: string, extra: Partial<CategoryRow> = {}): CategoryRow {
  return { tenantId: tenant, key, label: key, responsibleOrganizationId: tenant, defaultTeams: {}, hardware: false, agreementId: null, sortOrder: 0, active: true, version: 1, ...extra };
}

function config(teams: SupportTeamRow[], categories: CategoryRow[]): DeskConfig {
  const organizations: DeskOrganization[] = [
    { id: tenant, code: 'region', kind: 'region', name: 'Région', academyCode: null },
    { id: lille, code: 'ac-lille', kind: 'academie', name: 'Académie de Lille', academyCode: '09' },
    { id: amiens, code: 'ac-amiens', kind: 'academie', name: "Académie d'Amiens", academyCode: '20' },
    { id: contractor, code: 'presta', kind: 'contractor', name: 'Presta SAS', academyCode: null },
  ];
  const units: DeskUnit[] = [
    { id: 'agency', parentId: null, kind: 'agency', name: 'Agence' },
    { id: 'sector-1', parentId: 'agency', kind: 'sector', name: 'Secteur 1' },
    { id: 'zone-1', parentId: 'sector-1', kind: 'zone', name: 'Zone 1' },
    { id: 'sector-2', parentId: 'agency', kind: 'sector', name: 'Secteur 2' },
  ];
  return {
    tenantId: tenant,
    configured: true,
    defaultAgreementId: 'convention-demo',
    problemThreshold: 3,
    problemWindowDays: 30,
    teams,
    teamsById: new Map(teams.map((t) => [t.id, t])),
    categories: new Map(categories.map((c) => [c.key, c])),
    organizations: new Map(organizations.map((o) => [o.id, o])),
    units: new Map(units.map((u) => [u.id, u])),
    agreements: {},
    calendars: {},
    matrices: [],
  };
}

const desk = config(
  [
    team('hotline', 1, { triage: true }),
    team('l0-sector-1', 0, { unitIds: ['sector-1'] }),
    team('l1-sector-1', 1, { unitIds: ['sector-1'] }),
    team('l1-sector-1-network', 1, { unitIds: ['sector-1'], categories: ['network'] }),
    team('l1-sector-2', 1, { unitIds: ['sector-2'] }),
    team('experts', 2),
    team('presta-l3', 3, { organizationId: contractor, categories: ['devices', 'network'], warrantyHolders: ['PRESTA S.A.S.'] }),
    team('lille-desk', 1, { organizationId: lille }),
    team('amiens-desk', 1, { organizationId: amiens }),
    team('old', 1, { unitIds: ['zone-1'], active: false }),
    team('ent-desk', 1, { unitIds: [] }),
  ],
  [
    category('devices', { hardware: true }),
    category('network', { hardware: true }),
    category('ent', { defaultTeams: { '1': 'ent-desk' } }),
    category('pedagogical-software', { responsibleOrganizationId: lille }),
  ],
);
const inZone1 = { unitId: 'zone-1', academyCode: '09' };
const today = '2026-03-06';

describe('routing', () => {
  it('walks the unit tree up from the school', () => {
    expect(unitChain(desk, 'zone-1')).toEqual(['zone-1', 'sector-1', 'agency']);
    expect(unitChain(desk, null)).toEqual([]);
  });

  it('starts web reports at level 0 and hotline calls at level 1', () => {
    expect(entryLevel('web')).toBe(0);
    expect(entryLevel('phone')).toBe(1);
    expect(routeTicket(desk, { category: 'devices', channel: 'web', school: inZone1, assets: [], today }).team?.id).toBe('l0-sector-1');
    expect(routeTicket(desk, { category: 'devices', channel: 'phone', school: inZone1, assets: [], today }).team?.id).toBe('l1-sector-1');
  });

  it('prefers the team that names the category, skips inactive teams, falls back on defaults then tenant-wide teams', () => {
    expect(routeTicket(desk, { category: 'network', channel: 'phone', school: inZone1, assets: [], today }).team?.id).toBe('l1-sector-1-network');
    // no unit team in sector 2 for ENT? sector 2 has a generic team: it wins over the category's default
    expect(routeTicket(desk, { category: 'ent', channel: 'phone', school: { unitId: 'sector-2', academyCode: '09' }, assets: [], today }).team?.id).toBe('l1-sector-2');
    // a school without unit: the category's default team, else a tenant-wide one
    expect(routeTicket(desk, { category: 'ent', channel: 'phone', school: { unitId: null, academyCode: '09' }, assets: [], today }).team?.id).toBe('ent-desk');
    expect(routeTicket(desk, { category: 'devices', channel: 'phone', school: { unitId: null, academyCode: '09' }, assets: [], today }).team?.id).toBe('ent-desk');
  });

  it('sends tickets without category to the triage desk', () => {
    expect(routeTicket(desk, { category: null, channel: 'web', school: inZone1, assets: [], today })).toMatchObject({ team: { id: 'hotline' }, level: 1, responsibleOrgId: tenant });
  });

  it('gives the Académie its categories, and the school’s own académie when it is a partner too', () => {
    expect(routeTicket(desk, { category: 'pedagogical-software', channel: 'web', school: inZone1, assets: [], today })).toMatchObject({ team: { id: 'lille-desk' }, level: 1, responsibleOrgId: lille });
    expect(responsibleOrganization(desk, 'pedagogical-software', { unitId: null, academyCode: '20' })).toBe(amiens);
    expect(responsibleOrganization(desk, 'pedagogical-software', { unitId: null, academyCode: '13' })).toBe(lille);
    expect(responsibleOrganization(desk, 'devices', inZone1)).toBe(tenant);
  });

  it('sends hardware under warranty to the holder’s level-3 team, whatever the spelling of the supplier', () => {
    const covered = { label: 'PC-01', supplier: 'Presta SAS', warrantyEnd: '2026-03-06' };
    expect(routeTicket(desk, { category: 'devices', channel: 'web', school: inZone1, assets: [covered], today })).toMatchObject({ team: { id: 'presta-l3' }, level: 3, warranty: true });
    const expired = { ...covered, warrantyEnd: '2026-03-05' };
    expect(routeTicket(desk, { category: 'devices', channel: 'web', school: inZone1, assets: [expired], today }).warranty).toBe(false);
    const unknownHolder = { ...covered, supplier: 'Autre fournisseur' };
    expect(routeTicket(desk, { category: 'devices', channel: 'web', school: inZone1, assets: [unknownHolder], today }).warranty).toBe(false);
    // not a hardware category: no warranty routing
    expect(routeTicket(desk, { category: 'ent', channel: 'phone', school: inZone1, assets: [covered], today }).warranty).toBe(false);
  });

  it('escalates to the next level that has a team in the ticket’s scope', () => {
    expect(routeToLevel(desk, { from: 1, to: 2, category: 'devices', responsibleOrgId: tenant, school: inZone1 })).toMatchObject({ level: 2, team: { id: 'experts' } });
    expect(routeToLevel(desk, { from: 2, to: 3, category: 'devices', responsibleOrgId: tenant, school: inZone1 })).toMatchObject({ level: 3, team: { id: 'presta-l3' } });
    // the Académie has no level 2 here: nothing to escalate to, and the authority's experts are not the Académie's
    expect(routeToLevel(desk, { from: 1, to: 2, category: 'pedagogical-software', responsibleOrgId: lille, school: inZone1 })).toBeNull();
    // the contractor does not take categories it does not name
    expect(routeToLevel(desk, { from: 2, to: 3, category: 'ent', responsibleOrgId: tenant, school: inZone1 })).toBeNull();
    expect(routeToLevel(desk, { from: 3, to: 1, category: 'devices', responsibleOrgId: tenant, school: inZone1 })).toMatchObject({ level: 1, team: { id: 'l1-sector-1' } });
  });
});
