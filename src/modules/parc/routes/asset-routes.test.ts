import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { ingestReport } from '../operations/ingest-report.js';

let t: TestApp;
let inUnit1: string;
let inUnit2: string;

const glpi = glpiExampleReport;

beforeAll(async () => {
  t = await testApp();
  const tenantId = t.ids.a.tenantId;
  inUnit1 = (await ingestReport(t.ctx, { tenantId, report: { ...glpi('computer_1.json'), tag: t.ids.establishments.unit1[0].uai }, storeLastUser: false })).assetId;
  inUnit2 = (await ingestReport(t.ctx, { tenantId, report: { ...glpi('computer_3.json'), tag: t.ids.establishments.unit2[0].uai }, storeLastUser: false })).assetId;
});
afterAll(() => t.close());

const get = async (url: string, user: Parameters<TestApp['headers']>[0]) => t.app.inject({ method: 'GET', url, headers: await t.headers(user) });

describe('GET /api/assets', () => {
  it('lists devices with the public contract fields, searchable by serial and MAC', async () => {
    const list = (await get('/api/assets', 'authority-admin')).json();
    expect(list.total).toBe(2);
    const device = list.items.find((i: { id: string }) => i.id === inUnit1);
    for (const field of ['id', 'name', 'serial', 'uai', 'class', 'status', 'memoryMb', 'softwareCount', 'lastInventoryAt']) expect(device).toHaveProperty(field);
    expect(device.uai).toBe(t.ids.establishments.unit1[0].uai);
    const bySerial = (await get(`/api/assets?search=${encodeURIComponent(device.serial)}`, 'authority-admin')).json();
    expect(bySerial.items.map((i: { id: string }) => i.id)).toEqual([inUnit1]);
    const mac = device.macAddresses[0];
    const byMac = (await get(`/api/assets?search=${encodeURIComponent(mac)}`, 'authority-admin')).json();
    expect(byMac.items.map((i: { id: string }) => i.id)).toContain(inUnit1);
    const other = list.items.find((i: { id: string }) => i.id === inUnit2);
    const bySchool = (await get(`/api/assets?uai=${other.uai}&class=${other.class}`, 'authority-admin')).json();
    expect(bySchool).toMatchObject({ total: 1, items: [{ id: inUnit2, uai: t.ids.establishments.unit2[0].uai }] });
    expect((await get(`/api/assets?uai=${other.uai}&class=${other.class}&page=2`, 'authority-admin')).json()).toEqual({ items: [], total: 1 });
  });

  it('finds a device by its name, its inventory number, and its MAC however it is written', async () => {
    const ids = async (search: string) => (await get(`/api/assets?search=${encodeURIComponent(search)}`, 'authority-admin')).json().items.map((i: { id: string }) => i.id);
    const device = (await get(`/api/assets/${inUnit1}`, 'authority-admin')).json();
    expect(await ids(device.name.slice(1, -1).toUpperCase())).toEqual([inUnit1]);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/assets/${inUnit1}`, headers: await t.headers('authority-admin'), payload: { version: device.version, inventoryNumber: 'INV-2026-0042' } });
    expect(patched.statusCode).toBe(200);
    expect(await ids('INV-2026-0042')).toEqual([inUnit1]);
    expect(await ids('inv-2026-004')).toEqual([inUnit1]);
    const mac: string = device.macAddresses[0];
    for (const written of [mac.toUpperCase().replaceAll(':', '-'), mac.replaceAll(':', ''), mac.split(':').slice(0, 3).join('-').toUpperCase()]) {
      expect(await ids(written), written).toContain(inUnit1);
    }
    expect(await ids('%')).toEqual([]);
    expect(await ids('_')).toEqual([]);
  });

  it('shows a technician the devices of their units only, and another tenant nothing', async () => {
    const tech = (await get('/api/assets', 'technician')).json();
    expect(tech.items.map((i: { id: string }) => i.id)).toEqual([inUnit1]);
    expect((await get(`/api/assets/${inUnit2}`, 'technician')).statusCode).toBe(404);
    expect((await get(`/api/assets/${inUnit1}`, 'admin-b')).statusCode).toBe(404);
    expect((await get('/api/assets', 'academy-staff')).statusCode).toBe(403);
  });

  it('gives one device with hardware, software and history', async () => {
    const detail = (await get(`/api/assets/${inUnit1}`, 'technician')).json();
    expect(detail.software.length).toBe(detail.softwareCount);
    expect(detail.history[0].summary).toContain('inventaire');
    expect(detail.hardware).toHaveProperty('cpus');
  });
});
