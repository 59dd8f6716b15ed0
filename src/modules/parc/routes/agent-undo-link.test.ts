import { deflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { assets } from '../db/schema.js';
import { fixtureText } from '../inventory/testing/fixtures.js';

/**
 * A reinstalled PC comes back with a new agent id and is linked to its device by serial number.
 * When a person undoes that link (it was another machine), the agent's next reports make and
 * then update a device of their own, never the one it was detached from.
 */

let t: TestApp;
let basic: string;
beforeAll(async () => {
  t = await testApp();
  const username = `${t.ids.a.code}/undo`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/inventory/credentials',
    headers: await t.headers('authority-admin'),
    payload: { username, label: 'Agents (annulation)', password: 'Agents-Undo-2026-secret' },
  });
  expect(created.statusCode).toBe(201);
  basic = `Basic ${Buffer.from(`${username}:Agents-Undo-2026-secret`).toString('base64')}`;
}, 60_000);
afterAll(() => t.close());

function glpiInventory(deviceId: string, name: string): Buffer {
  const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  document.deviceid = deviceId;
  document.content.bios.ssn = 'UNDO-SERIAL-1';
  document.content.hardware.name = name;
  delete document.content.hardware.uuid;
  return deflateSync(JSON.stringify(document));
}
const report = (deviceId: string, name: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/inventory', payload: glpiInventory(deviceId, name), headers: { 'content-type': 'application/x-compress-zlib', authorization: basic } });
const devicesWithSerial = () =>
  t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.serial, 'UNDO-SERIAL-1')));

describe('an undone link through the agent endpoint', () => {
  it('makes the agent’s next reports create and update a separate device', async () => {
    expect((await report('pc-undo-2026-01-05-10-00-00', 'PC-AVANT')).statusCode).toBe(200);
    const [original] = await devicesWithSerial();
    // re-imaged and renamed: a new agent id, the same serial: linked to the same device
    expect((await report('pc-undo-2026-03-01-08-00-00', 'PC-APRES')).statusCode).toBe(200);
    expect(await devicesWithSerial()).toHaveLength(1);
    const admin = await t.headers('authority-admin');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/assets/${original.id}`, headers: admin })).json();
    const link = detail.matches.find((m: { kind: string; undone: boolean }) => m.kind === 'link' && !m.undone);
    expect(link).toBeDefined();

    const undone = await t.app.inject({ method: 'POST', url: `/api/assets/${original.id}/matches/${link.id}/undo`, headers: admin });
    expect(undone.statusCode).toBe(200);

    expect((await report('pc-undo-2026-03-01-08-00-00', 'PC-APRES')).statusCode).toBe(200);
    let devices = await devicesWithSerial();
    expect(devices).toHaveLength(2);
    const separate = devices.find((d) => d.id !== original.id)!;
    expect(separate).toMatchObject({ agentDeviceId: 'pc-undo-2026-03-01-08-00-00', name: 'PC-APRES' });
    const unlinked = devices.find((d) => d.id === original.id)!;
    expect(unlinked.agentDeviceId).toBeNull();
    expect(unlinked.version).toBe(original.version + 2); // the link, then the undo; not touched since

    // the next daily report updates the separate device, still not the unlinked one
    expect((await report('pc-undo-2026-03-01-08-00-00', 'PC-APRES-2')).statusCode).toBe(200);
    devices = await devicesWithSerial();
    expect(devices).toHaveLength(2);
    expect(devices.find((d) => d.id === separate.id)).toMatchObject({ name: 'PC-APRES-2' });
    expect(devices.find((d) => d.id === original.id)).toMatchObject({ name: unlinked.name, version: unlinked.version, agentDeviceId: null });
  });
});
