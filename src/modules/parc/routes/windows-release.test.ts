import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { hashPassword } from '../../access/passwords.js';
import { agentCredentials } from '../db/schema.js';
import { windowsInventory, type WindowsRelease } from '../inventory/testing/windows-inventories.js';

/**
 * « Which schools still run Windows 10 », from inventories of the real FusionInventory file
 * xml/2.xml (Windows 8.1, NAME "Windows", no VERSION) sent through /ocsinventory: one school with
 * a Windows 10 PC and a Windows 11 PC (kernel 10.0.22631, full name still "Windows 10"), one with
 * Windows 11 only, one with Windows 8.1.
 */
let t: TestApp;
let basic: string;
let schools: { uai: string }[];

const post = (xml: string) =>
  t.app.inject({ method: 'POST', url: '/ocsinventory', payload: deflateSync(xml), headers: { 'content-type': 'application/x-compress', authorization: basic } });
const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: await t.headers('authority-admin') });

beforeAll(async () => {
  t = await testApp();
  const username = `${t.ids.a.code}/windows`;
  await t.ctx.db.insert(agentCredentials).values({ tenantId: t.ids.a.tenantId, username, passwordHash: await hashPassword('Windows-Agents-2026'), label: 'Windows' });
  basic = `Basic ${Buffer.from(`${username}:Windows-Agents-2026`).toString('base64')}`;
  schools = [t.ids.establishments.unit1[0], t.ids.establishments.unit1[1], t.ids.establishments.unit2[0]];
  const fleet: [WindowsRelease, number][] = [
    ['10', 0],
    ['11', 0],
    ['11', 1],
    ['8.1', 2],
  ];
  for (const [n, [release, school]] of fleet.entries()) {
    const response = await post(windowsInventory(release, n + 1, schools[school].uai));
    expect(response.statusCode, response.body).toBe(200);
  }
});
afterAll(() => t.close());

const osDevices = async (version: string) => {
  const response = await get(`/api/fleet/establishments?osName=windows&osVersion=${encodeURIComponent(version)}&sort=uai`);
  expect(response.statusCode).toBe(200);
  return response.json().items.map((e: { uai: string; osDevices: number }) => [e.uai, e.osDevices]);
};

describe('Windows releases from real agent inventories', () => {
  it('stores the product and release, and keeps the agent’s own words in the hardware', async () => {
    const list = (await get('/api/assets?search=pc-arg&pageSize=10')).json();
    expect(list.total).toBe(4);
    const byName = Object.fromEntries(list.items.map((a: { name: string; id: string }) => [a.name, a.id]));
    const device = (await get(`/api/assets/${byName['pc-arg-2']}`)).json();
    expect(device).toMatchObject({ osName: 'Windows', osVersion: '11' });
    expect(JSON.stringify(device)).toContain('Microsoft Windows 10 Professionnel'); // the full name the agent sent
    expect((await get(`/api/assets/${byName['pc-arg-1']}`)).json()).toMatchObject({ osName: 'Windows', osVersion: '10' });
    expect((await get(`/api/assets/${byName['pc-arg-4']}`)).json()).toMatchObject({ osName: 'Windows', osVersion: '8.1' });
  });

  it('answers which schools still run Windows 10, not counting Windows 11', async () => {
    expect(await osDevices('10')).toEqual([[schools[0].uai, 1]]);
    expect(await osDevices('11')).toEqual(
      [
        [schools[0].uai, 1],
        [schools[1].uai, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await osDevices('8.1')).toEqual([[schools[2].uai, 1]]);
    expect(await osDevices('1')).toEqual([]); // not a prefix of "10" or "11"
  });

  it('counts the systems of a school by release in the fleet page', async () => {
    const stats = (await get(`/api/fleet/stats?uai=${schools[0].uai}`)).json();
    expect(stats.operatingSystems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Windows', version: '10', devices: 1 }),
        expect.objectContaining({ name: 'Windows', version: '11', devices: 1 }),
      ]),
    );
  });
});
