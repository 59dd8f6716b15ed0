import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { unassignedReports } from '../db/schema.js';
import { type InventoryReport } from '../inventory/index.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { attachUnassignedReport } from './attach-unassigned-report.js';
import { createAgentCredential } from './create-agent-credential.js';
import { findAgentCredentials } from './find-agent-credentials.js';
import { findUnassignedReports } from './find-unassigned-reports.js';
import { getInventorySettings } from './get-inventory-settings.js';
import { identifyAgent } from './resolve-agent-tenant.js';
import { revokeAgentCredential } from './revoke-agent-credential.js';
import { actingAs, assetRow } from './testing-assets.js';
import { updateInventorySettings } from './update-inventory-settings.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const glpi = glpiExampleReport;

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('inventory settings', () => {
  it('starts from the defaults, saves with the version read, and refuses a stale one', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const defaults = await getInventorySettings(admin);
    expect(defaults).toMatchObject({ acceptTaggedAgents: false, networks: [], staleAfterDays: 30, version: 1 });
    expect(defaults.expectedLifeYears).toMatchObject({ desktop: 5, tablet: 4, projector: 6 });
    const saved = await updateInventorySettings(admin, {
      version: 1,
      acceptTaggedAgents: true,
      networks: ['192.0.2.0/24', '198.51.100.7', '192.0.2.0/24'],
      storeLastUser: false,
      staleAfterDays: 45,
      expectedLifeYears: { desktop: 6 },
    });
    expect(saved).toMatchObject({ networks: ['192.0.2.0/24', '198.51.100.7/32'], staleAfterDays: 45, version: 2 });
    expect(saved.expectedLifeYears).toMatchObject({ desktop: 6, tablet: 4 });
    const stale = await refusal(updateInventorySettings(admin, { ...saved, version: 1 }));
    expect(stale.code).toBe('VERSION_CONFLICT');
    const bad = await refusal(updateInventorySettings(admin, { ...saved, networks: ['10.59.1.5/16', 'lycee.fr'] }));
    expect(bad.issues?.map((i) => i.path)).toEqual(['networks.0', 'networks.1']);
    expect((await refusal(getInventorySettings(await actingAs(t, 'technician')))).code).toBe('FORBIDDEN');
  });
});

describe('agent credentials', () => {
  it('creates credentials the agent endpoint accepts, returns the password once, and revokes them', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const username = `${t.ids.a.code}/lycees-nord`;
    const { row, password } = await createAgentCredential(admin, { username, label: 'Lycées du Nord' });
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(row.passwordHash).not.toContain(password);
    const listed = await findAgentCredentials(admin);
    expect(listed.map((c) => c.username)).toContain(username);
    const who = await identifyAgent(t.ctx, { authorization: basic(username, password), tag: null, remoteAddress: '203.0.113.9' });
    expect(who).toMatchObject({ ok: true, tenant: { tenantId: t.ids.a.tenantId, how: 'credentials' } });
    expect((await refusal(createAgentCredential(admin, { username, label: 'again' }))).code).toBe('CONFLICT');
    await revokeAgentCredential(admin, { username });
    expect(await identifyAgent(t.ctx, { authorization: basic(username, password), tag: null, remoteAddress: '203.0.113.9' })).toEqual({ ok: false, reason: 'bad-credentials' });
    // a revoked name can be given a new password
    const renewed = await createAgentCredential(admin, { username, label: 'Lycées du Nord', password: 'Agent-Nord-2026!' });
    expect(renewed.password).toBe('Agent-Nord-2026!');
    expect((await identifyAgent(t.ctx, { authorization: basic(username, 'Agent-Nord-2026!'), tag: null, remoteAddress: '203.0.113.9' })).ok).toBe(true);
  });

  it('refuses a name without the tenant code, a weak password, and an unknown name to revoke', async () => {
    const admin = await actingAs(t, 'authority-admin');
    expect((await refusal(createAgentCredential(admin, { username: `${t.ids.b.code}/lycees`, label: 'x' }))).issues?.[0].path).toBe('username');
    expect((await refusal(createAgentCredential(admin, { username: `${t.ids.a.code}Z`, label: 'x' }))).issues?.[0].path).toBe('username');
    expect((await refusal(createAgentCredential(admin, { username: `${t.ids.a.code}/a:b`, label: 'x' }))).issues?.[0].path).toBe('username');
    expect((await refusal(createAgentCredential(admin, { username: `${t.ids.a.code}/court`, label: 'x', password: 'court' }))).issues?.[0].path).toBe('password');
    expect((await refusal(revokeAgentCredential(admin, { username: `${t.ids.a.code}/inconnu` }))).code).toBe('NOT_FOUND');
    expect((await refusal(revokeAgentCredential(await actingAs(t, 'admin-b'), { username: `${t.ids.a.code}/lycees-nord` }))).code).toBe('NOT_FOUND');
  });
});

describe('unassigned reports', () => {
  it('shows an authority the reports that name its schools or come from its networks, and attaches them', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const adminB = await actingAs(t, 'admin-b');
    const school = t.ids.establishments.unit2[0];
    const insert = async (report: InventoryReport, remoteAddress: string) => {
      const [row] = await t.ctx.db
        .insert(unassignedReports)
        .values({ receivedAt: new Date(), source: report.source, deviceId: report.deviceId, tag: report.tag, remoteAddress, report: { ...report, lastLoggedUser: null } })
        .returning();
      return row.id;
    };
    const tagged = await insert({ ...glpi('computer_1.json'), tag: school.uai.toLowerCase(), deviceId: 'tagged-1' }, '203.0.113.50');
    const fromNetwork = await insert({ ...glpi('computer_3.json'), tag: null, deviceId: 'network-1' }, '::ffff:192.0.2.77');
    const nobody = await insert({ ...glpi('computer_2.json'), tag: 'n-importe-quoi', deviceId: 'nobody-1' }, 'not-an-address');
    const settings = await getInventorySettings(admin);
    await updateInventorySettings(admin, { ...settings, networks: ['192.0.2.0/24'] });

    const seen = await findUnassignedReports(admin, { limit: 100 });
    expect(new Map(seen.map((s) => [s.row.id, s.reason]))).toEqual(new Map([[tagged, 'tag'], [fromNetwork, 'network']]));
    expect(await findUnassignedReports(adminB, { limit: 100 })).toEqual([]);
    expect((await refusal(attachUnassignedReport(adminB, { id: tagged }))).code).toBe('NOT_FOUND');
    expect((await refusal(attachUnassignedReport(admin, { id: nobody }))).code).toBe('NOT_FOUND');

    const attached = await attachUnassignedReport(admin, { id: tagged });
    expect(attached.created).toBe(true);
    expect((await assetRow(t, attached.assetId))!.establishmentId).toBe(school.id);
    expect(await t.ctx.db.select().from(unassignedReports).where(eq(unassignedReports.id, tagged))).toEqual([]);
    expect((await refusal(attachUnassignedReport(admin, { id: tagged }))).code).toBe('NOT_FOUND');
  });
});
