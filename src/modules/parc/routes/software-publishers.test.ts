import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { testApp, type TestApp } from '../../../test/app.js';
import { hashPassword } from '../../access/passwords.js';
import { agentCredentials } from '../db/schema.js';
import { fixtureBytes, fixtureText, fusionFile } from '../inventory/testing/fixtures.js';

/**
 * The same product from two distributions, with the real agent files: a Fedora laptop (GLPI
 * Agent example) reports `bash` first, then two Debian virtual machines (FusionInventory). Each
 * device shows the publisher its own agent reported; the catalogue shows the one most
 * installations report, whatever came first.
 */
let t: TestApp;
let basic: string;

beforeAll(async () => {
  t = await testApp();
  const username = `${t.ids.a.code}/publishers`;
  await t.ctx.db.insert(agentCredentials).values({ tenantId: t.ids.a.tenantId, username, passwordHash: await hashPassword('Publishers-Agents-2026'), label: 'Éditeurs' });
  basic = `Basic ${Buffer.from(`${username}:Publishers-Agents-2026`).toString('base64')}`;
});
afterAll(() => t.close());

const postXml = (payload: Buffer) => t.app.inject({ method: 'POST', url: '/ocsinventory', payload, headers: { 'content-type': 'application/x-compress', authorization: basic } });
const postJson = (payload: string) => t.app.inject({ method: 'POST', url: '/api/v1/inventory', payload, headers: { 'content-type': 'application/json', authorization: basic } });
const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: await t.headers('authority-admin') })).json();

async function bashInCatalogue() {
  const list = await get('/api/software?search=bash&pageSize=50');
  return list.items.find((s: { name: string }) => s.name === 'bash') as { id: number; publisher: string | null; devices: number };
}

/** The publisher of `bash` on each device, by device name. */
async function bashByDevice() {
  const devices = await get('/api/assets?pageSize=100');
  const found: [string, string][] = [];
  for (const { id, name } of devices.items) found.push([name, (await get(`/api/assets/${id}`)).software.find((s: { name: string }) => s.name === 'bash')?.publisher]);
  return found.sort();
}

describe('software publishers', () => {
  it('keeps each installation’s publisher and shows the one most installations report', async () => {
    const fedora = fixtureText('glpi-inventory-format/examples/computer_3.json');
    expect((await postJson(fedora)).statusCode).toBe(200);
    expect(await bashInCatalogue()).toMatchObject({ publisher: 'Fedora Project', devices: 1 });

    expect((await postXml(deflateSync(fixtureText(fusionFile)))).statusCode).toBe(200);
    expect((await postXml(fixtureBytes('agents/fusioninventory-2.6-inventory.zlib'))).statusCode).toBe(200);

    const bash = await bashInCatalogue();
    expect(bash).toMatchObject({ publisher: 'Debian', devices: 3 });
    expect((await get(`/api/software/${bash.id}/installations`)).software.publisher).toBe('Debian');
    const fedoraName = JSON.parse(fedora).content.hardware.name as string;
    // both virtual machines call themselves « vm »
    expect(await bashByDevice()).toEqual([
      [fedoraName, 'Fedora Project'],
      ['vm', 'Debian'],
      ['vm', 'Debian'],
    ]);
  });
});
